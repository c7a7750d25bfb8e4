package dev.footnote.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.Map;

/**
 * Builds LangChain4j's chat models from the settings. Retries are off: a failed call becomes an error or the
 * extractive fallback at once, instead of keeping the asker waiting several timeouts long. Request and
 * response logging stay off, so keys and prompts never reach the log. The streaming models get a
 * {@link StreamingHttpClient}, so a stream can be hung up on before the model has written anything.
 */
public final class LanguageModels {

    private LanguageModels() {
    }

    /** The model the settings name, or {@code null} for the extractive answerer. */
    public static LanguageModel create(ModelSettings s) {
        return switch (s.provider()) {
            case EXTRACTIVE -> null;
            case OPENAI -> new LanguageModel(s.label(),
                    OpenAiChatModel.builder().baseUrl(s.baseUrl()).apiKey(s.apiKey()).modelName(s.modelName())
                            .temperature(s.temperature()).maxTokens(s.maxTokens()).timeout(s.timeout())
                            .maxRetries(0).logRequests(false).logResponses(false).build(),
                    OpenAiStreamingChatModel.builder().baseUrl(s.baseUrl()).apiKey(s.apiKey()).modelName(s.modelName())
                            .temperature(s.temperature()).maxTokens(s.maxTokens()).timeout(s.timeout())
                            .httpClientBuilder(new StreamingHttpClient.Builder())
                            .logRequests(false).logResponses(false).build(),
                    s.timeout());
            case OLLAMA -> new LanguageModel(s.label(),
                    OllamaChatModel.builder().baseUrl(s.baseUrl()).modelName(s.modelName())
                            .temperature(s.temperature()).numPredict(s.maxTokens()).timeout(s.timeout())
                            .customHeaders(bearer(s)).maxRetries(0).logRequests(false).logResponses(false).build(),
                    OllamaStreamingChatModel.builder().baseUrl(s.baseUrl()).modelName(s.modelName())
                            .temperature(s.temperature()).numPredict(s.maxTokens()).timeout(s.timeout())
                            .httpClientBuilder(new StreamingHttpClient.Builder())
                            .customHeaders(bearer(s)).logRequests(false).logResponses(false).build(),
                    s.timeout());
            case ANTHROPIC -> new LanguageModel(s.label(),
                    AnthropicChatModel.builder().baseUrl(s.baseUrl()).apiKey(s.apiKey()).modelName(s.modelName())
                            .temperature(s.temperature()).maxTokens(s.maxTokens()).timeout(s.timeout())
                            .maxRetries(0).logRequests(false).logResponses(false).build(),
                    AnthropicStreamingChatModel.builder().baseUrl(s.baseUrl()).apiKey(s.apiKey())
                            .modelName(s.modelName())
                            .temperature(s.temperature()).maxTokens(s.maxTokens()).timeout(s.timeout())
                            .httpClientBuilder(new StreamingHttpClient.Builder())
                            .logRequests(false).logResponses(false).build(),
                    s.timeout());
        };
    }

    /** Ollama itself needs no key; one behind an authenticating proxy gets it as a bearer token. */
    private static Map<String, String> bearer(ModelSettings s) {
        return s.apiKey() == null ? Map.of() : Map.of("Authorization", "Bearer " + s.apiKey());
    }
}
