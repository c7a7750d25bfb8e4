package dev.footnote.answer;

/** A checked citation: {@code quote} is exactly the text of lines {@code startLine..endLine} of {@code file}. */
public record Citation(int id, String file, int startLine, int endLine, String quote, double score) {
}
