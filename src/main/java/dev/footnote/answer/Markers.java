package dev.footnote.answer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the citation markers a language model writes: {@code [1]}, {@code [1, 2]}, {@code [1][2]}, {@code [1-3]},
 * {@code [^1]}, {@code [Passage 1]}, {@code [1:21]} and {@code [Passage 1, line 21]} (passage 1; the line is
 * not checked), {@code [1†source]}, {@code 【1】}, and {@code (1)} or {@code (1, 2)} when every number in it is a passage number (otherwise it is
 * ordinary text, such as a year in parentheses). A bracketed number of any size is a marker, so {@code [12345]}
 * is one that names no passage, not a number the sentence states.
 */
final class Markers {

    /** A passage number, with the line a model may add after a colon ("1:21", "1:20-22"). */
    private static final String ITEM = "(?i:(?:passages?|sources?)\\s*)?\\^?\\d+(?::\\d+(?:\\s*[-\u2013]\\s*\\d+)?)?";
    private static final String CONTENT = "\\s*" + ITEM + "(?:\\s*(?:,|;|-|\u2013|and|&)\\s*" + ITEM + ")*"
            + "(?:\\s*[,;]?\\s*(?i:lines?)\\s*\\d+(?:\\s*[-\u2013]\\s*\\d+)?)?(?:\\s*\u2020[^\\]\u3011\\n]{0,30})?\\s*";
    private static final Pattern BRACKETS = Pattern.compile("\\[" + CONTENT + "]|\u3010" + CONTENT + "\u3011");
    private static final Pattern PARENS = Pattern.compile("\\(\\s*\\d{1,2}(?:\\s*,\\s*\\d{1,2})*\\s*\\)");
    /** What names no passage inside a marker: the dagger's tail, lines, and the word before a number. */
    private static final Pattern NOT_PASSAGE = Pattern.compile(
            "\u2020.*|(?i:lines?)\\s*\\d+(?:\\s*[-\u2013]\\s*\\d+)?|:\\d+(?:\\s*[-\u2013]\\s*\\d+)?|(?i:passages?|sources?)");
    private static final Pattern PART = Pattern.compile("\\^?(\\d+)(?:\\s*(-|\u2013)\\s*\\^?(\\d+))?");
    /** An opening bracket the stream has not closed yet: it may still become a marker. */
    private static final Pattern UNFINISHED = Pattern.compile(
            "(?:\\[[^\\]\\n]{0,48}|\u3010[^\u3011\\n]{0,48}|\\([\\d\\s,]{0,12})$");
    private static final int MAX_RANGE = 10;

    private Markers() {
    }

    /**
     * A marker at {@code start..end} of the text; {@code lead} is where the white space before it begins,
     * so that removing {@code lead..end} leaves "in Rafah." from "in Rafah [9].".
     */
    record Marker(int lead, int start, int end, List<Integer> numbers) {
    }

    static List<Marker> find(CharSequence text, int passages) {
        List<Marker> found = new ArrayList<>();
        Matcher b = BRACKETS.matcher(text);
        while (b.find()) {
            found.add(marker(text, b.start(), b.end()));
        }
        Matcher p = PARENS.matcher(text);
        while (p.find()) {
            Marker m = marker(text, p.start(), p.end());
            if (m.numbers().stream().allMatch(n -> n >= 1 && n <= passages)) {
                found.add(m);
            }
        }
        found.sort((x, y) -> Integer.compare(x.start(), y.start()));
        return found;
    }

    /** Where an unfinished marker begins at the end of the text, or the text's length when there is none. */
    static int settledLength(CharSequence text) {
        Matcher m = UNFINISHED.matcher(text);
        return m.find() ? m.start() : text.length();
    }

    private static Marker marker(CharSequence text, int start, int end) {
        Set<Integer> numbers = new LinkedHashSet<>();
        String inside = NOT_PASSAGE.matcher(text.subSequence(start + 1, end - 1)).replaceAll(" ");
        Matcher part = PART.matcher(inside);
        while (part.find()) {
            int from = number(part.group(1));
            if (part.group(3) == null) {
                numbers.add(from);
                continue;
            }
            int to = number(part.group(3));
            if (to >= from && to - from <= MAX_RANGE) {
                for (int n = from; n <= to; n++) {
                    numbers.add(n);
                }
            } else {
                numbers.add(from);
                numbers.add(to);
            }
        }
        int lead = start;
        while (lead > 0 && (text.charAt(lead - 1) == ' ' || text.charAt(lead - 1) == '\t'
                || text.charAt(lead - 1) == '\u00a0')) {
            lead--;
        }
        return new Marker(lead, start, end, List.copyOf(numbers));
    }

    /** The number, or 0 (no passage) when it is too long to be one. */
    private static int number(String digits) {
        return digits.length() > 6 ? 0 : Integer.parseInt(digits);
    }
}
