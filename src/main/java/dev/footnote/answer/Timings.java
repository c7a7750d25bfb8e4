package dev.footnote.answer;

/**
 * Milliseconds spent rewriting a follow-up into a standalone question, retrieving, answering (including the
 * citation check) and in all.
 */
public record Timings(double rewrite, double retrieve, double answer, double total) {
}
