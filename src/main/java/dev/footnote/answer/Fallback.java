package dev.footnote.answer;

/**
 * Set on an answer the extractive answerer gave because the language model failed: which model, and why
 * ({@code code} and {@code message} as the error would have said).
 */
public record Fallback(String from, String code, String message) {
}
