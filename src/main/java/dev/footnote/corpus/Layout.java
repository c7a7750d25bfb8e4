package dev.footnote.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * What an article's text was extracted from: the format ({@code text} for .txt and .md, read as they are), the
 * title the document's metadata gives ("" when it gives none) and, for extracted documents, each line's
 * {@link Origin} (index 0 is line 1; empty for plain text, whose lines are the file's own).
 */
public record Layout(String format, String title, List<Origin> origins) {

    public static final Layout PLAIN = new Layout("text", "", List.of());

    public Layout {
        origins = List.copyOf(origins);
    }

    /** Where line {@code line} (1-based) came from; {@link Origin#NONE} for plain text or a line out of range. */
    public Origin origin(int line) {
        return line >= 1 && line <= origins.size() ? origins.get(line - 1) : Origin.NONE;
    }

    /** The origins as the index stores them: one encoded origin a line. */
    public String encodeOrigins() {
        StringBuilder s = new StringBuilder();
        for (Origin o : origins) {
            if (!s.isEmpty()) {
                s.append(';');
            }
            s.append(o.encode());
        }
        return s.toString();
    }

    /** The layout of an indexed article, from its stored fields (null fields: indexed before layouts). */
    public static Layout decode(String format, String title, String origins) {
        if (format == null || format.isEmpty() || format.equals(PLAIN.format())) {
            return PLAIN;
        }
        List<Origin> list = new ArrayList<>();
        if (origins != null && !origins.isEmpty()) {
            for (String o : origins.split(";", -1)) {
                list.add(Origin.decode(o));
            }
        }
        return new Layout(format, title == null ? "" : title, list);
    }
}
