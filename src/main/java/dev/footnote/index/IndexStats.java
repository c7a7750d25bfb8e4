package dev.footnote.index;

/** The state of the committed index, for health checks and metrics. */
public record IndexStats(int articles, int passages, String updatedAt) {
}
