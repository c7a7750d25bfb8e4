package dev.footnote.corpus;

import java.util.List;

/**
 * The text Footnote extracted from a document (HTML, PDF, Word, OpenDocument, RTF, EPUB): its lines, where each
 * came from, the title its metadata gives ("" when none), and a note worth telling the user (for example that
 * the text was cut at the character limit; "" when none).
 */
public record ExtractedDocument(String format, String title, List<String> lines, List<Origin> origins,
        String note) {

    public ExtractedDocument {
        lines = List.copyOf(lines);
        origins = List.copyOf(origins);
        if (lines.size() != origins.size()) {
            throw new IllegalArgumentException("one origin a line: " + lines.size() + " lines, " + origins.size());
        }
    }

    /** The article this text is, under its name in citations and with the hash of the file's bytes. */
    public Article article(String file, String hash) {
        return new Article(file, lines, hash, "", new Layout(format, title, origins));
    }
}
