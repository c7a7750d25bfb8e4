package dev.footnote.corpus;

import java.util.List;

/**
 * One article as read from the collection: its name relative to the collection root (always with '/'),
 * its lines without line terminators (index 0 is line 1), the SHA-256 of its bytes and the charset used, and
 * its {@link Layout}: for a document (PDF, HTML, Word...) the extracted text's format, metadata title and where
 * each line came from.
 */
public record Article(String file, List<String> lines, String hash, String charset, Layout layout) {

    public Article {
        lines = List.copyOf(lines);
        layout = layout == null ? Layout.PLAIN : layout;
    }

    /** A plain-text article: its lines are the file's own. */
    public Article(String file, List<String> lines, String hash, String charset) {
        this(file, lines, hash, charset, Layout.PLAIN);
    }

    /** The exact text of lines {@code start..end} (1-based, inclusive), joined with '\n'. */
    public String text(int start, int end) {
        return String.join("\n", lines.subList(start - 1, end));
    }

    public int lineCount() {
        return lines.size();
    }
}
