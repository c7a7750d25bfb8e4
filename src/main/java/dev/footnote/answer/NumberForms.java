package dev.footnote.answer;

import dev.footnote.text.TextAnalysis;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value an analysed term writes, so that "10000", "10,000" and "10,000.0" are one number, "3" is "three", "5th"
 * is "fifth" and "II" is 2. A passage that says "three key ideas" states the 3 of "What 3 things…".
 */
final class NumberForms {

    private static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty");
    private static final List<String> ORDINALS = List.of("zeroth", "first", "second", "third", "fourth", "fifth",
            "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
            "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth");
    private static final List<String> TENS = List.of("thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety");
    private static final Map<String, String> NAMED = new HashMap<>();
    private static final Pattern DIGITS = Pattern.compile("\\d[\\d,]*(\\.\\d+)?");
    private static final Pattern ORDINAL = Pattern.compile("(\\d+)(st|nd|rd|th)");
    /** Roman numerals up to 39 ("World War I", "Phase II"). */
    private static final Pattern ROMAN = Pattern.compile("(?=[ivx]{1,6}$)x{0,3}(ix|iv|v?i{0,3})");
    private static final Pattern YEAR = Pattern.compile("1\\d{3}|20\\d{2}");

    static {
        for (int i = 0; i < WORDS.size(); i++) {
            name(WORDS.get(i), i);
            name(ORDINALS.get(i), i);
        }
        for (int i = 0; i < TENS.size(); i++) {
            name(TENS.get(i), 30 + 10 * i);
        }
    }

    private NumberForms() {
    }

    /** Keyed by the word as analysed ("twenty" is "twenti", "one" is "on"), as the terms it is compared with are. */
    private static void name(String word, int value) {
        NAMED.put(TextAnalysis.terms(word).get(0), Integer.toString(value));
    }

    /** The number {@code term} writes, in one canonical form, or null when it writes none. */
    static String value(String term) {
        String named = NAMED.get(term);
        if (named != null) {
            return named;
        }
        var ordinal = ORDINAL.matcher(term);
        if (ordinal.matches()) {
            return new BigDecimal(ordinal.group(1)).toPlainString();
        }
        if (DIGITS.matcher(term).matches()) {
            return new BigDecimal(term.replace(",", "")).stripTrailingZeros().toPlainString();
        }
        if (ROMAN.matcher(term).matches()) {
            return Integer.toString(roman(term));
        }
        return null;
    }

    /** The values of those of {@code terms} that write a number. */
    static Set<String> values(Collection<String> terms) {
        Set<String> values = new HashSet<>();
        for (String t : terms) {
            String v = value(t);
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    /** Whether {@code term} is a year as the answerer reads one: 1000 to 2099. */
    static boolean isYear(String term) {
        return YEAR.matcher(term).matches();
    }

    /**
     * As {@link #values}, and each year's last two digits as well: a passage that says "the 1970s" or "1755, 1756
     * and 1757" states what a question writes as "the 70s" or "1755, 56, 57".
     */
    static Set<String> stated(Collection<String> terms) {
        Set<String> values = values(terms);
        for (String t : terms) {
            if (isYear(t)) {
                values.add(Integer.toString(Integer.parseInt(t.substring(2))));
            }
        }
        return values;
    }

    /**
     * Whether {@code text} writes {@code value} (1 to 39) as an upper-case Roman numeral standing alone, as in
     * "Type I": the analysed terms may have dropped a lone "I" as a stop word.
     */
    static boolean inRoman(String value, String text) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return false;
        }
        if (v < 1 || v > 39) {
            return false;
        }
        String numeral = "X".repeat(v / 10) + List.of("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
                .get(v % 10);
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + numeral + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }

    private static int roman(String s) {
        int total = 0;
        int previous = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            int v = switch (s.charAt(i)) {
                case 'i' -> 1;
                case 'v' -> 5;
                default -> 10;
            };
            total += v < previous ? -v : v;
            previous = Math.max(previous, v);
        }
        return total;
    }
}
