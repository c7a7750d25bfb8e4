package dev.footnote.model;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * How to reach the language model, if any. {@code apiKey} is never part of {@link #toString()} or of any
 * message: only where it came from ({@code apiKeySource}, e.g. {@code OPENAI_API_KEY}) is shown.
 *
 * @param timeout     how long a call may wait for the server: to connect, for the reply, and between two pieces
 *                    of a streamed reply
 * @param fallback    answer extractively (and say so) when the model fails, instead of returning an error
 * @param prompts     the folder of prompt templates
 */
public record ModelSettings(Provider provider, String modelName, String baseUrl, String apiKey, String apiKeySource,
        Duration timeout, double temperature, int maxTokens, boolean fallback, Path prompts) {

    /** The extractive answerer, with the defaults a language model would get; each stated only here. */
    public static final ModelSettings EXTRACTIVE = new ModelSettings(Provider.EXTRACTIVE, null, null, null, null,
            Duration.ofSeconds(60), 0, 600, false, Path.of("prompts"));

    /** The environment variables an API key is read from, first found wins. */
    static String[] keyVariables(Provider provider) {
        return switch (provider) {
            case OPENAI -> new String[]{"FOOTNOTE_MODEL_API_KEY", "OPENAI_API_KEY"};
            case ANTHROPIC -> new String[]{"FOOTNOTE_MODEL_API_KEY", "ANTHROPIC_API_KEY"};
            case OLLAMA -> new String[]{"FOOTNOTE_MODEL_API_KEY"};
            case EXTRACTIVE -> new String[0];
        };
    }

    /**
     * Settings checked for use, with defaults filled in and the API key looked up in {@code env}.
     *
     * @throws IllegalArgumentException with a message that says what to fix
     */
    public static ModelSettings resolve(Provider provider, String modelName, String baseUrl, double timeoutSeconds,
            double temperature, int maxTokens, boolean fallback, Path prompts,
            UnaryOperator<String> env) {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("the model timeout must be more than 0 and at most 3600 seconds");
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("the temperature must be between 0 and 2");
        }
        if (maxTokens < 1 || maxTokens > 100_000) {
            throw new IllegalArgumentException("the most tokens a reply may have must be between 1 and 100000");
        }
        Duration timeout = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        if (provider == Provider.EXTRACTIVE) {
            return new ModelSettings(provider, null, null, null, null, timeout, temperature, maxTokens, false, prompts);
        }
        String name = blank(modelName) ? provider.defaultModelName() : modelName.strip();
        String url = blank(baseUrl) ? provider.defaultBaseUrl() : baseUrl.strip();
        checkUrl(url);
        String key = null;
        String source = null;
        for (String variable : keyVariables(provider)) {
            String value = env.apply(variable);
            if (!blank(value)) {
                key = value.strip();
                source = variable;
                break;
            }
        }
        if (key == null && provider == Provider.ANTHROPIC) {
            throw new IllegalArgumentException(
                    "Anthropic needs an API key: set ANTHROPIC_API_KEY or FOOTNOTE_MODEL_API_KEY");
        }
        if (key == null && provider == Provider.OPENAI && url.startsWith("https://api.openai.com")) {
            throw new IllegalArgumentException(
                    "OpenAI's own server needs an API key: set OPENAI_API_KEY or FOOTNOTE_MODEL_API_KEY "
                            + "(or use a base URL of an OpenAI-compatible server that needs none)");
        }
        return new ModelSettings(provider, name, url, key, source, timeout, temperature, maxTokens, fallback, prompts);
    }

    /** What answers name as their {@code model}: {@code extractive}, or {@code provider:model-name}. */
    public String label() {
        return provider == Provider.EXTRACTIVE ? "extractive" : provider.id() + ":" + modelName;
    }

    /** One line for the start-up log; says where the key came from, never what it is. */
    public String describe() {
        if (provider == Provider.EXTRACTIVE) {
            return "answering extractively (offline)";
        }
        return "answering with " + label() + " at " + baseUrl
                + (apiKeySource == null ? " (no API key)" : " (API key from " + apiKeySource + ")")
                + ", timeout " + timeout.toMillis() / 1000.0 + " s, temperature " + temperature + ", max tokens "
                + maxTokens + (fallback ? ", extractive fallback" : "");
    }

    @Override
    public String toString() {
        return "ModelSettings[" + describe() + "]";
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(
                        "the base URL must not hold credentials; put the key in FOOTNOTE_MODEL_API_KEY");
            }
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("the base URL must be an http:// or https:// URL, not " + url);
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the base URL is not a valid URL");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
