package dev.footnote.corpus;

/** Trimming that treats every Unicode space as white space; {@link String#strip()} keeps U+00A0. */
public final class Text {

    private Text() {
    }

    public static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}
