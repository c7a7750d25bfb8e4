package dev.footnote.model;

import java.util.Locale;

/** Where answers come from: the offline extractive answerer, or a language model server of one of three kinds. */
public enum Provider {
    EXTRACTIVE(null, null),
    /** Any server that speaks OpenAI's chat completions API: OpenAI, vLLM, llama.cpp's server, LM Studio, LocalAI. */
    OPENAI("gpt-4o-mini", "https://api.openai.com/v1"), OLLAMA("llama3.2",
            "http://localhost:11434"), ANTHROPIC("claude-haiku-4-5-20251001", "https://api.anthropic.com/v1/");

    private final String defaultModelName;
    private final String defaultBaseUrl;

    Provider(String defaultModelName, String defaultBaseUrl) {
        this.defaultModelName = defaultModelName;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    public String defaultModelName() {
        return defaultModelName;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The name used on the command line and in answers: {@code openai}, {@code ollama}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
