package dev.footnote.answer;

/** Milliseconds spent retrieving, answering (including the citation check) and in all. */
public record Timings(double retrieve, double answer, double total) {
}
