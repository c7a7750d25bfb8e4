package dev.footnote.cli;

import dev.footnote.model.ModelSettings;
import dev.footnote.model.Provider;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that choose who answers: {@code serve}, {@code ask} and {@code eval} share them. Each has its
 * {@code FOOTNOTE_<OPTION>} environment variable; API keys come from the environment only
 * ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY} or {@code FOOTNOTE_MODEL_API_KEY}), never from the command
 * line, where other users of the machine could read them.
 */
public final class ModelOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "${FOOTNOTE_MODEL:-extractive}",
            description = "Who answers: extractive (offline, the default), openai (any OpenAI-compatible server), "
                    + "ollama or anthropic (default: ${DEFAULT-VALUE}).")
    Provider model;

    @Option(names = "--model-name", paramLabel = "NAME", defaultValue = "${FOOTNOTE_MODEL_NAME}",
            description = "The model to ask (defaults: gpt-4o-mini, llama3.2, claude-haiku-4-5-20251001).")
    String modelName;

    @Option(names = "--base-url", paramLabel = "URL", defaultValue = "${FOOTNOTE_BASE_URL}",
            description = "The model server (defaults: https://api.openai.com/v1, http://localhost:11434, "
                    + "https://api.anthropic.com/v1/).")
    String baseUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "${FOOTNOTE_TIMEOUT:-60}",
            description = "Longest wait for the model server: to connect, for a reply, between two streamed "
                    + "pieces (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "${FOOTNOTE_TEMPERATURE:-0}",
            description = "Sampling temperature, 0 to 2 (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "${FOOTNOTE_MAX_TOKENS:-600}",
            description = "Longest reply the model may write, in tokens (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--fallback", paramLabel = "WHAT", defaultValue = "${FOOTNOTE_FALLBACK:-none}",
            description = "When the model fails: none (an error: 502, 503 or 504) or extractive (the offline "
                    + "answer, marked as a fallback) (default: ${DEFAULT-VALUE}).")
    FallbackChoice fallback;

    @Option(names = "--prompts", paramLabel = "DIR", defaultValue = "${FOOTNOTE_PROMPTS:-prompts}",
            description = "Folder of prompt templates, read at start (default: ${DEFAULT-VALUE}).")
    Path prompts;

    enum FallbackChoice { NONE, EXTRACTIVE }

    /** The checked settings; a bad value is a usage error that names the option. */
    ModelSettings settings() {
        try {
            return ModelSettings.resolve(model, modelName, baseUrl, timeout, temperature, maxTokens,
                    fallback == FallbackChoice.EXTRACTIVE, prompts, ModelOptions::lookup);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Like picocli's own ${...} lookup: a system property first, then the environment. */
    static String lookup(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }
}
