package dev.footnote.answer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the citation markers a language model writes: {@code [1]}, {@code [1, 2]}, {@code [1][2]}, {@code [1-3]},
 * {@code [^1]}, and {@code (1)} or {@code (1, 2)} when every number in it is a passage number (otherwise it is
 * ordinary text, such as a year in parentheses).
 */
final class Markers {

    private static final String NUMBER = "\\^?\\d{1,4}";
    private static final Pattern BRACKETS = Pattern.compile(
            "\\[\\s*" + NUMBER + "(?:\\s*(?:,|;|-|\u2013|and)\\s*" + NUMBER + ")*\\s*]");
    private static final Pattern PARENS = Pattern.compile("\\(\\s*\\d{1,2}(?:\\s*,\\s*\\d{1,2})*\\s*\\)");
    private static final Pattern PART = Pattern.compile("\\^?(\\d+)(?:\\s*(-|\u2013)\\s*\\^?(\\d+))?");
    /** An opening bracket the stream has not closed yet: it may still become a marker. */
    private static final Pattern UNFINISHED = Pattern.compile("(?:\\[[^\\]\\n]{0,24}|\\([\\d\\s,]{0,12})$");
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
        Matcher part = PART.matcher(text.subSequence(start + 1, end - 1));
        while (part.find()) {
            int from = Integer.parseInt(part.group(1));
            if (part.group(3) == null) {
                numbers.add(from);
                continue;
            }
            int to = Integer.parseInt(part.group(3));
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
}
