package dev.footnote.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a document's text as extraction finds them, each with its {@link Origin}: white space folded,
 * empty lines dropped, and no more than {@code maxChars} characters in all (past that, {@link Full} is thrown and
 * what was gathered is kept).
 */
final class ExtractedLines {

    /** Thrown once the character limit is reached. */
    static final class Full extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Full() {
            super("character limit reached", null, false, false);
        }
    }

    private final int maxChars;
    private final List<String> lines = new ArrayList<>();
    private final List<Origin> origins = new ArrayList<>();
    private long chars;

    ExtractedLines(int maxChars) {
        this.maxChars = maxChars;
    }

    /** Adds one line (white space folded); nothing when it is blank. */
    void add(String text, Origin origin) {
        String line = fold(text);
        if (line.isEmpty()) {
            return;
        }
        if (chars + line.length() > maxChars) {
            throw new Full();
        }
        chars += line.length() + 1;
        lines.add(line);
        origins.add(origin);
    }

    List<String> lines() {
        return lines;
    }

    List<Origin> origins() {
        return origins;
    }

    long chars() {
        return chars;
    }

    /** Runs of white space (any Unicode space, tabs, stray line breaks) become one space; the ends are trimmed. */
    static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Text.isSpace(c) || c == '\u200b' || Character.getType(c) == Character.CONTROL) {
                space = true;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }
        return out.toString();
    }
}
