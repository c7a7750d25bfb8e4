package dev.footnote.cli;

import dev.footnote.Config;
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

    private static final ModelSettings DEFAULTS = Config.DEFAULTS.model();

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "KIND", description = "Who answers: extractive (offline, the default), openai (any OpenAI-compatible server), "
            + "ollama or anthropic (default: ${DEFAULT-VALUE}).")
    Provider model = DEFAULTS.provider();

    @Option(names = "--model-name", paramLabel = "NAME", description = "The model to ask (defaults: gpt-4o-mini, llama3.2, claude-haiku-4-5-20251001).")
    String modelName;

    @Option(names = "--base-url", paramLabel = "URL", description = "The model server (defaults: https://api.openai.com/v1, http://localhost:11434, "
            + "https://api.anthropic.com/v1/).")
    String baseUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Longest wait for the model server: to connect, for a reply, between two streamed "
            + "pieces (default: ${DEFAULT-VALUE}).")
    double timeout = DEFAULTS.timeout().toMillis() / 1000.0;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature, 0 to 2 (default: ${DEFAULT-VALUE}).")
    double temperature = DEFAULTS.temperature();

    @Option(names = "--max-tokens", paramLabel = "N", description = "Longest reply the model may write, in tokens (default: ${DEFAULT-VALUE}).")
    int maxTokens = DEFAULTS.maxTokens();

    @Option(names = "--fallback", paramLabel = "WHAT", description = "When the model fails: none (an error: 502, 503 or 504) or extractive (the offline "
            + "answer, marked as a fallback) (default: ${DEFAULT-VALUE}).")
    FallbackChoice fallback = DEFAULTS.fallback() ? FallbackChoice.EXTRACTIVE : FallbackChoice.NONE;

    @Option(names = "--prompts", paramLabel = "DIR", description = "Folder of prompt templates, read at start (default: ${DEFAULT-VALUE}).")
    Path prompts = DEFAULTS.prompts();

    enum FallbackChoice {
        NONE, EXTRACTIVE
    }

    /** The checked settings; a bad value is a usage error that names the option. */
    ModelSettings settings() {
        try {
            return ModelSettings.resolve(model, modelName, baseUrl, timeout, temperature, maxTokens,
                    fallback == FallbackChoice.EXTRACTIVE, prompts, EnvDefaults::lookup);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
