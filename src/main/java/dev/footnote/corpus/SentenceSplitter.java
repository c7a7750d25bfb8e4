package dev.footnote.corpus;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Splits text into sentences with the JDK's rules, then mends the splits they make after abbreviations. */
public final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "capt", "rep", "sen",
            "gov", "pres", "rev", "u.s", "u.k", "u.n", "e.g", "i.e", "vs", "no", "inc", "co", "ltd", "corp", "dept",
            "fig", "al", "approx", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft");

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
                spans.add(new int[] {s, e});
            }
        }
        return spans;
    }

    /** The previous piece ends in an abbreviation or an initial, or the next begins in lower case. */
    private static boolean shouldJoin(String text, int[] previous, int nextStart) {
        char next = text.charAt(nextStart);
        if (Character.isLowerCase(next)) {
            return true;
        }
        String prev = text.substring(previous[0], previous[1]);
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
