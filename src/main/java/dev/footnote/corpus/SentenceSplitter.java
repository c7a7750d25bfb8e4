package dev.footnote.corpus;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into sentences with the JDK's rules, then mends the splits they make after abbreviations.
 *
 * <p>The JDK never starts a sentence with a digit ("… in Rafah. 34622 were killed." stays one sentence), which
 * keeps "No. 5" and "Jan. 25" whole. {@link #forReplies()} also splits there, for a model's reply; articles keep
 * the plain rules, so that their passages, and every index built from them, stay as they are.
 */
public final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "capt", "rep", "sen",
            "gov", "pres", "rev", "u.s", "u.k", "u.n", "e.g", "i.e", "vs", "no", "inc", "co", "ltd", "corp", "dept",
            "fig", "al", "approx", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft");
    /** A sentence's end, then white space and a digit. */
    private static final Pattern BEFORE_DIGIT = Pattern.compile("[.!?][\"'\u201d\u2019)\\]]*(\\s+)\\d");
    /** The number of a list item, alone: "2." or "2)". */
    private static final Pattern ITEM_NUMBER = Pattern.compile("\\d{1,3}[.)]");

    private final boolean replies;

    /** The splitter for articles. */
    public SentenceSplitter() {
        this(false);
    }

    private SentenceSplitter(boolean replies) {
        this.replies = replies;
    }

    /**
     * The splitter for a model's reply: a sentence may begin with a digit unless what ends before it is an
     * abbreviation or an initial, and a list item's number ("2.") stays with its item.
     */
    public static SentenceSplitter forReplies() {
        return new SentenceSplitter(true);
    }

    /** Sentences of {@code text} as [start, end) character ranges, whitespace trimmed. */
    public List<int[]> split(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        List<int[]> spans = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int s = start;
            int e = end;
            while (s < e && Text.isSpace(text.charAt(s))) {
                s++;
            }
            while (e > s && Text.isSpace(text.charAt(e - 1))) {
                e--;
            }
            if (s == e) {
                continue;
            }
            if (!spans.isEmpty() && shouldJoin(text, spans.get(spans.size() - 1), s)) {
                spans.get(spans.size() - 1)[1] = e;
            } else {
                spans.add(new int[]{s, e});
            }
        }
        return replies ? splitBeforeDigits(text, spans) : spans;
    }

    private static List<int[]> splitBeforeDigits(String text, List<int[]> spans) {
        List<int[]> out = new ArrayList<>();
        for (int[] span : spans) {
            int from = span[0];
            Matcher m = BEFORE_DIGIT.matcher(text).region(span[0], span[1]);
            while (m.find()) {
                int end = m.start(1);
                if (!endsInAbbreviation(text.substring(from, end))) {
                    add(text, out, from, end);
                    from = m.end(1);
                }
            }
            add(text, out, from, span[1]);
        }
        return out;
    }

    /** Adds a piece, joining it to a list item's number left alone before it. */
    private static void add(String text, List<int[]> out, int start, int end) {
        if (!out.isEmpty()) {
            int[] last = out.get(out.size() - 1);
            if (ITEM_NUMBER.matcher(text).region(last[0], last[1]).matches()) {
                last[1] = end;
                return;
            }
        }
        out.add(new int[]{start, end});
    }

    /** The previous piece ends in an abbreviation or an initial, or the next begins in lower case. */
    private static boolean shouldJoin(String text, int[] previous, int nextStart) {
        char next = text.charAt(nextStart);
        if (Character.isLowerCase(next)) {
            return true;
        }
        return endsInAbbreviation(text.substring(previous[0], previous[1]));
    }

    private static boolean endsInAbbreviation(String prev) {
        if (!prev.endsWith(".")) {
            return false;
        }
        int i = prev.length() - 1;
        while (i > 0 && !Text.isSpace(prev.charAt(i - 1)) && "(\"'\u201c\u2018".indexOf(prev.charAt(i - 1)) < 0) {
            i--;
        }
        String word = prev.substring(i, prev.length() - 1).toLowerCase(Locale.ROOT);
        return ABBREVIATIONS.contains(word) || (word.length() == 1 && Character.isLetter(word.charAt(0)));
    }
}
