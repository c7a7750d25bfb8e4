package dev.footnote.answer;

import dev.footnote.text.TextAnalysis;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What kind of answer a question asks for, read from its question word, and whether a sentence could hold
 * one. "How many Hamas members went to Cairo?" wants a number, so a sentence that names the delegation but
 * counts nothing does not answer it, however many of the question's words it shares.
 *
 * @param kind  the kind of answer wanted
 * @param focus for "which X" and "what X" questions, the analysed term of X ("hotel" in "Which hotel…"), else null
 */
public record AnswerType(Kind kind, String focus) {

    public enum Kind {
        /** how many, how much: a count or amount */
        NUMBER,
        /** how long: a span of time */
        DURATION,
        /** how old: an age */
        AGE,
        /** when, what year, which day: a date or time */
        DATE,
        /** which X, what X: a thing of kind X */
        THING,
        /** anything else: who, where, why, what did…, yes/no and statements */
        ANY
    }

    private static final Pattern QUESTION_WORD = Pattern.compile(
            "\\b(how many|how much|how long|how old|when|(?:what|which) (?:year|date|day|month|time)s?\\b|which|what)\\b",
            Pattern.CASE_INSENSITIVE);
    /** "What is the X of…" asks for an X; "what" followed by another verb ("What did…") asks for a clause. */
    private static final Set<String> COPULAS = Set.of("is", "was", "are", "were");
    private static final Set<String> CLAUSE_WORDS = Set.of("be", "been", "did", "does", "do", "has", "have", "had",
            "will", "would", "can", "could", "should", "may", "might", "must", "happened", "happens", "caused",
            "causes", "made", "makes", "led", "else", "if", "about", "to");
    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "his", "her", "its", "their", "this",
            "that");
    /** Text that ends in a determiner: after "What is", the next word names a kind only after one. */
    private static final Pattern ENDS_IN_DETERMINER = Pattern.compile(
            "(?s).*\\b(" + DETERMINERS.stream().sorted().collect(Collectors.joining("|")) + ")\\s+$");
    private static final Pattern WH = Pattern.compile("(?i)\\b(who|whom|whose|where|why|how|what|which|when)\\b");
    /** Words that name no kind of their own: "the name of the fund" asks for a fund, "what kind of deal" a deal. */
    private static final Set<String> GENERIC = Set.of("name", "names", "term", "terms", "word", "type", "types",
            "kind", "sort", "form", "one", "ones", "part", "number", "amount");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'\u2019-]*");

    private static final Pattern NUMBER = Pattern.compile("(?i)\\b(\\d[\\d,.]*|one|two|three|four|five|six|seven|"
            + "eight|nine|ten|eleven|twelve|dozens?|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|"
            + "billions?|half|several|few|none)\\b");
    private static final String TIME_UNIT = "(seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|century)";
    private static final Pattern DURATION = Pattern.compile("(?i)(\\b(\\d[\\d,.]*|a|an|one|two|three|four|five|six|"
            + "seven|eight|nine|ten|twelve|few|several|many|some)[\\s-]+(\\w+\\s+)?" + TIME_UNIT
            + "\\b|\\b(since|until|"
            + "throughout|overnight|all day|briefly|lifetime|life)\\b)");
    private static final Pattern AGE = Pattern.compile("(?i)\\b(\\d{1,3}[- ]years?[- ]old|aged? (of )?\\d{1,3}|"
            + "\\d{1,3}(st|nd|rd|th) birthday|born|birth)\\b|,\\s*\\d{1,3}\\s*,|\\(\\d{1,3}\\)");
    private static final Pattern DATE = Pattern
            .compile("(?i)\\b(\\d{3,4}s?|\\d{1,2}/\\d{1,2}|january|february|march|april|may|"
                    + "june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|"
                    + "sunday|today|yesterday|tomorrow|tonight|morning|evening|afternoon|night|week|month|year|century|"
                    + "ago|earlier|since|during|recently|soon)\\b");

    private static final Pattern TIME_AFTER = Pattern.compile("(?i)^[\\s-]+" + TIME_UNIT + "\\b");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    private static final Pattern ASKS_TIME = Pattern
            .compile("(?i)\\bhow (many|much)\\s+(\\w+\\s+)?" + TIME_UNIT + "\\b|\\bhow much time\\b");

    public static final AnswerType UNKNOWN = new AnswerType(Kind.ANY, null);

    /** Reads the kind of answer from the first question word of {@code question}. */
    public static AnswerType of(String question) {
        Matcher m = QUESTION_WORD.matcher(question);
        if (!m.find()) {
            return UNKNOWN;
        }
        // "When John Fox left, who replaced him?": the question word of the main clause comes after the comma.
        int comma = question.indexOf(',', m.end());
        if (m.group(1).equalsIgnoreCase("when") && comma >= 0 && WH.matcher(question.substring(comma)).find()) {
            return of(question.substring(comma + 1));
        }
        String word = m.group(1).toLowerCase(Locale.ROOT);
        if (word.equals("how many") || word.equals("how much")) {
            return new AnswerType(Kind.NUMBER, null);
        }
        if (word.equals("how long")) {
            return new AnswerType(Kind.DURATION, null);
        }
        if (word.equals("how old")) {
            return new AnswerType(Kind.AGE, null);
        }
        if (word.equals("when") || word.contains(" ")) {
            return new AnswerType(Kind.DATE, null);
        }
        String focus = focusAfter(question.substring(m.end()));
        return focus == null ? UNKNOWN : new AnswerType(Kind.THING, focus);
    }

    /**
     * The kind of thing named right after "which" or "what": the first lowercase word, past names ("Which
     * Egyptian spy chief" gives "spy") and, after "what is the", past the verb and article.
     */
    private static String focusAfter(String rest) {
        Matcher w = WORD.matcher(rest);
        boolean afterVerb = false;
        while (w.find()) {
            String word = w.group();
            String lower = word.toLowerCase(Locale.ROOT);
            if (Character.isUpperCase(word.charAt(0))) {
                if (afterVerb) {
                    return null; // "What did Russia…": a clause, not a kind of thing
                }
                continue;
            }
            if (CLAUSE_WORDS.contains(lower)) {
                return null;
            }
            if (COPULAS.contains(lower)) {
                if (afterVerb) {
                    return null;
                }
                afterVerb = true;
                continue;
            }
            if (NUMBER.matcher(lower).matches() || GENERIC.contains(lower)) {
                continue; // "Which two figures": the kind is "figures"
            }
            if (DETERMINERS.contains(lower)) {
                if (!afterVerb) {
                    return null;
                }
                continue;
            }
            if (afterVerb && !ENDS_IN_DETERMINER.matcher(rest.substring(0, w.start())).matches()) {
                return null; // "What is happening": a clause
            }
            List<String> terms = TextAnalysis.terms(word);
            if (terms.isEmpty()) {
                continue; // "of", "the": look on to the noun
            }
            return terms.get(0);
        }
        return null;
    }

    /**
     * Whether a number found in the sentence could answer "how many": not one the question gave already, and
     * not a span of time or a year unless the question counts time ("almost seven months" does not say how
     * many members a delegation had).
     */
    private static boolean counts(MatchResult number, String sentence, String question, Set<String> given) {
        if (given.contains(number.group().toLowerCase(Locale.ROOT))) {
            return false;
        }
        boolean asksTime = ASKS_TIME.matcher(question).find();
        return asksTime || !(TIME_AFTER.matcher(sentence.substring(number.end())).find()
                || YEAR.matcher(number.group()).matches());
    }

    /** The numbers a question gives, lowercased: "How many of the 124 hostages" gives "124". */
    private static Set<String> numbers(String question) {
        return NUMBER.matcher(question).results().map(r -> r.group().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /**
     * Whether {@code sentence} holds an answer of this kind on its face (a count the question did not give
     * already, for NUMBER); THING is judged by the answerer, which can compare meanings.
     */
    public boolean admits(String sentence, String question) {
        return switch (kind) {
            case NUMBER -> {
                Set<String> given = numbers(question);
                yield NUMBER.matcher(sentence).results().anyMatch(r -> counts(r, sentence, question, given));
            }
            case DURATION -> DURATION.matcher(sentence).find();
            case AGE -> AGE.matcher(sentence).find();
            case DATE -> DATE.matcher(sentence).find();
            case THING, ANY -> true;
        };
    }
}
