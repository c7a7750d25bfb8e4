package dev.footnote.corpus;

/** One sentence of an article and the lines it stands on (1-based, inclusive). */
public record Sentence(String text, int startLine, int endLine) {
}
