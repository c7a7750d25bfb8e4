package dev.footnote.answer;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the list of sources a model may add at the end of its reply, after the sentences that cite them: lines
 * such as {@code [1] file.txt:19-23} (the prompt's own passage header), {@code [1] file.txt} or
 * {@code 1. file.txt …}, and a {@code Sources:}, {@code References:} or {@code Citations:} heading, under which
 * any numbered line is an entry too. The list is not part of the answer: its lines are no claims and its numbers
 * no markers, so it can neither add a citation nor sink one.
 */
final class SourceList {

    /** An entry's number: "[1]", "[^1]:", "【1】", "(1)", "1.", "1)", "[Passage 1]". */
    private static final String NUMBER = "(?:\\[\\^?\\d{1,3}]:?|\u3010\\d{1,3}\u3011|\\(\\d{1,3}\\)|\\d{1,3}[.)]"
            + "|\\[(?:passage|source)\\s*\\d{1,3}]:?)";
    /** A bullet with or without a number, or a number, maybe bold: "- [1]", "*", "**1.**". */
    private static final String LABEL = "(?:[-*\u2022]\\s*[*_]*" + NUMBER + "?|[*_]*" + NUMBER
            + ")[*_]*(?:\\s*[-\u2013:])?";

    /** Lines hold no line feed; DOTALL lets ".*" take the carriage return of a CRLF line too. */
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

    private enum Kind {
        BLANK, HEADING, ENTRY, TEXT
    }

    /** A line that names a file after its label. */
    private final Pattern entry;
    /** Under a heading: a labelled line, whatever it says. */
    private final Pattern listed;
    private final Pattern heading;

    /** @param files the files of the passages the model was given; names ending in .txt or .md count too */
    SourceList(Collection<String> files) {
        StringBuilder names = new StringBuilder();
        files.stream().distinct().forEach(f -> names.append(Pattern.quote(f)).append('|'));
        String file = "[*_`\"'\u201c]*(?:" + names + "[^\\s:,;()\\[\\]\"'`*]+\\.(?:txt|md))";
        entry = Pattern.compile("\\s*" + LABEL + "\\s*" + file + ".*", FLAGS);
        listed = Pattern.compile("\\s*(?:" + LABEL + "\\s*\\S|" + file + ").*", FLAGS);
        heading = Pattern.compile("\\s*[#*_]*\\s*(?:sources?|references?|citations?)[*_]*\\s*"
                + "(?::[*_]*\\s*(?:(?:[\\[\u3010(]?\\d|" + file + ").*)?)?", FLAGS);
    }

    /**
     * Where the list at the end of {@code text} begins, or the text's length when there is none. Only lines that
     * start at or after {@code from} are looked at. While the text is still coming ({@code finished} false), a
     * last line that may yet become an entry or a heading counts as one, so it is held back until it is known.
     */
    int start(CharSequence text, int from, boolean finished) {
        int line = from;
        if (line > 0 && text.charAt(line - 1) != '\n') {
            int newline = indexOf(text, '\n', line);
            if (newline < 0) {
                return text.length();
            }
            line = newline + 1;
        }
        int block = -1;
        boolean underHeading = false;
        while (true) {
            int newline = indexOf(text, '\n', line);
            boolean last = newline < 0;
            int end = last ? text.length() : newline;
            switch (kind(text.subSequence(line, end), underHeading, last && !finished)) {
                case BLANK -> {
                }
                case HEADING -> {
                    block = block < 0 ? line : block;
                    underHeading = true;
                }
                case ENTRY -> block = block < 0 ? line : block;
                case TEXT -> {
                    block = -1;
                    underHeading = false;
                }
            }
            if (last) {
                return block < 0 ? text.length() : block;
            }
            line = newline + 1;
        }
    }

    private Kind kind(CharSequence line, boolean underHeading, boolean open) {
        if (line.toString().isBlank()) {
            return Kind.BLANK;
        }
        Matcher h = heading.matcher(line);
        if (h.matches()) {
            return Kind.HEADING;
        }
        Matcher e = entry.matcher(line);
        Matcher l = listed.matcher(line);
        if (e.matches() || (underHeading && l.matches())) {
            return Kind.ENTRY;
        }
        // The stream's last line may still grow into an entry or a heading ("[1] 003_f", "Sour").
        boolean mayGrow = h.hitEnd() || e.hitEnd() || (underHeading && l.hitEnd());
        return open && mayGrow ? Kind.ENTRY : Kind.TEXT;
    }

    private static int indexOf(CharSequence text, char c, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
