package dev.footnote.answer;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words that say something is not so: the support judge's "negation added or lost", and the
 * {@link Gate.NegationMissing} rule that a question asking what is not so needs a passage that says something is
 * not.
 */
final class Negations {

    /** The words that negate, besides any word ending in "n't". */
    private static final Set<String> WORDS = Set.of("not", "no", "never", "without", "none", "nobody", "nothing",
            "neither",
            "nor", "cannot", "nowhere");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+(?:['\u2019][\\p{L}]+)?");
    /**
     * What a passage may say instead of "not" for a question's "not": "impossible", "unable", "failed", "lacks",
     * "pistonless", "refused", "except", "instead", "absent". Chosen on SQuAD's train half, where they spare five
     * of the eleven answerable questions "not" alone turns away.
     */
    private static final Pattern NEGATIVE_SENSE = Pattern.compile(
            "impossible|unable|fail\\w*|lack\\w*|\\w{3,}less|refus\\w*|except|instead|absen\\w*");

    private Negations() {
    }

    static boolean negates(String lowerCaseWord) {
        return WORDS.contains(lowerCaseWord) || lowerCaseWord.endsWith("n't") || lowerCaseWord.endsWith("n\u2019t");
    }

    /** The first negating word of a question ("doesn't", "never"), or null. "Without" asks for an absence, not a denial. */
    static String in(String question) {
        Matcher m = WORD.matcher(question);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (negates(w) && !w.equals("without")) {
                return m.group();
            }
        }
        return null;
    }

    /** Whether a passage says that something is not so, in a negating word or one of negative sense. */
    static boolean statedIn(String passage) {
        Matcher m = WORD.matcher(passage);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (negates(w) || NEGATIVE_SENSE.matcher(w).matches()) {
                return true;
            }
        }
        return false;
    }
}
