package dev.footnote.index;

/**
 * One article as the collection lists it: its name in citations, its title, its line and passage counts, and when
 * it was indexed (ISO-8601; for an index written before that was recorded, the time of the commit it is in).
 */
public record ArticleSummary(String file, String title, int lines, int passages, String indexedAt) {
}
