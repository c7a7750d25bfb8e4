package dev.footnote.answer;

/** A line range of one article (1-based, inclusive). */
public record Place(String file, int startLine, int endLine) {
}
