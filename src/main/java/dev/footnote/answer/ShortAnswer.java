package dev.footnote.answer;

import dev.footnote.text.TextAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few words of a cited sentence that answer a who, where, when, how-many or how-long question: "Abbas Kamel"
 * for "Which Egyptian official met the Hamas delegation?". The question's kind ({@link #kind}) says what to look
 * for (a capitalised name, a number, a date, a span of time); of the spans of that kind in the sentence, those the
 * question already says are left out, and the one nearest the question's own words in the sentence is the answer.
 * Rules only, tuned on the train half of SQuAD v1.1 (docs/evaluation.md#short-answers).
 */
public final class ShortAnswer {

    /** The kinds of question a short answer is given for. */
    public enum Kind {
        PERSON, PLACE, ORGANISATION, NUMBER, DATE, DURATION
    }

    private static final Pattern WH = Pattern.compile("(?i)\\b(who|whom|whose|where|which|what)\\b");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}\\p{N}'\u2019.-]*[\\p{L}\\p{N}]|\\p{L}");
    private static final Set<String> PERSON_NOUNS = stems("person", "people", "man", "woman", "men", "women",
            "official", "leader", "president", "king", "queen", "emperor", "scientist", "player", "coach", "author",
            "writer", "artist", "singer", "actor", "actress", "chief", "minister", "general", "commander", "pope",
            "bishop", "philosopher", "physicist", "chemist", "mathematician", "composer", "director", "founder",
            "inventor", "explorer", "poet", "ruler", "governor", "senator", "mayor", "head", "member", "quarterback",
            "economist", "historian", "architect", "engineer", "professor", "student", "son", "daughter", "father",
            "mother", "wife", "husband", "brother", "sister", "individual", "saint", "prophet", "theologian",
            "reformer", "monarch", "prince", "princess", "duke", "lord", "chancellor", "spokesman", "spokesperson",
            "ambassador", "envoy", "representative", "negotiator", "doctor", "physician", "biologist", "astronaut",
            "pilot", "musician", "producer", "designer", "researcher", "journalist", "judge");
    private static final Set<String> PLACE_NOUNS = stems("city", "country", "state", "region", "river", "place",
            "location", "area", "town", "continent", "island", "county", "mountain", "ocean", "sea", "stadium",
            "building", "nation", "province", "village", "capital", "territory", "district", "site", "venue",
            "lake", "valley", "desert", "port", "street", "neighborhood", "hotel", "arena", "park", "colony",
            "empire", "kingdom", "peninsula", "forest", "basin", "coast", "border", "hospital", "airport");
    private static final Set<String> ORG_NOUNS = stems("team", "company", "organization", "organisation", "group",
            "party", "university", "school", "college", "network", "agency", "band", "club", "church", "firm",
            "corporation", "institution", "newspaper", "league", "conference", "channel", "station", "studio",
            "label", "union", "government", "army", "navy", "court", "council", "committee", "association",
            "society", "magazine", "publisher", "bank", "brand", "order", "denomination", "movement", "faction",
            "tribe", "dynasty", "museum", "library", "academy", "institute", "foundation", "ministry");

    /** Words written with a capital that name nothing: sentence openers, titles of address and the like. */
    private static final Set<String> NOT_NAMES = Set.of("however", "after", "during", "although", "since",
            "following", "despite", "today", "many", "some", "most", "other", "others", "several", "while",
            "because", "though", "before", "later", "when", "where", "also", "each", "both", "all",
            "another", "such", "according", "unlike", "like", "instead", "thus", "therefore", "here", "there",
            "once", "until", "within", "without", "throughout", "between", "among", "under", "over", "upon",
            "what", "which", "who", "how", "why", "i", "he", "she", "we", "they", "his", "her", "its", "their",
            "our", "one", "first", "as", "in", "on", "at", "by", "for", "from", "with", "to", "of", "it", "this",
            "these", "those", "that", "a", "an", "the", "and", "but", "or", "if", "not", "no", "so", "yet");
    private static final Set<String> CONNECTORS = Set.of("of", "de", "du", "da", "van", "von", "der", "la", "le",
            "del", "di", "bin", "al", "the");

    private static final String NUMBER_WORD = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            + "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
            + "seventy|eighty|ninety|hundred|dozen|dozens|hundreds|thousands|millions";
    private static final String SCALE = "(?:\\s+(?:hundred|thousand|million|billion|trillion))?";
    private static final Pattern NUMBER = Pattern
            .compile("(?i)(?:(?:US)?[$\u00a3\u20ac\u00a5]\\s?)?(?:\\d[\\d,]*(?:\\.\\d+)?|"
                    + "(?:" + NUMBER_WORD + ")(?:[\\s-](?:" + NUMBER_WORD + "))*)\\b" + SCALE
                    + "(?:\\s?%|\\s+(?:percent|per cent))?");
    private static final String MONTH = "(?:January|February|March|April|May|June|July|August|September|October|"
            + "November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sep\\.|Sept\\.|Oct\\.|Nov\\.|Dec\\.)";
    private static final String YEAR = "(?:\\d{3,4}(?:\\s?(?:BC|BCE|AD|CE))?)";
    private static final Pattern DATE = Pattern.compile(MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+" + YEAR
            + "|\\d{1,2}(?:st|nd|rd|th)?\\s+" + MONTH + ",?\\s+" + YEAR
            + "|" + MONTH + ",?\\s+" + YEAR
            + "|" + MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?\\b"
            + "|(?:(?:early|mid|late)[\\s-])?(?:\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|"
            + "seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
            + "eighteenth|nineteenth|twentieth|twenty-first)[\\s-]centur(?:y|ies)(?:\\s+(?:BC|BCE|AD|CE))?"
            + "|\\b\\d{3,4}s\\b|\\b(?:1\\d{3}|20\\d{2})\\b(?:\\s?(?:BC|BCE|AD|CE)\\b)?|\\b\\d{1,4}\\s?(?:BC|BCE|AD|CE)\\b"
            + "|\\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b");
    private static final Pattern YEAR_ONLY = Pattern.compile("\\b(?:1\\d{3}|20\\d{2}|\\d{3,4}\\s?(?:BC|BCE|AD|CE))\\b");
    private static final Pattern DURATION = Pattern.compile("(?i)\\b(?:\\d[\\d,.]*|a|an|one|two|three|four|five|"
            + "six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|several|few)"
            + "(?:\\s+(?:to|or|and)\\s+(?:\\d[\\d,.]*|two|three|four|five|six|seven|eight|nine|ten|twelve))?"
            + "(?:\\s+and\\s+a\\s+half)?[\\s-]+(?:(?:more|additional|full|long)\\s+)?"
            + "(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|century|"
            + "millennia|millennium)\\b");
    private static final Pattern ASKS_YEAR = Pattern.compile("(?i)\\b(what|which) year\\b|\\byear did\\b");

    private ShortAnswer() {
    }

    /** A span of the sentence that could answer, by character offsets. */
    record Span(int start, int end, String text) {
    }

    /** The kind of short answer {@code question} asks for, or null when it asks for none. */
    public static Kind kind(String question) {
        AnswerType type = AnswerType.of(question);
        switch (type.kind()) {
            case NUMBER, AGE -> {
                return Kind.NUMBER;
            }
            case DURATION -> {
                return Kind.DURATION;
            }
            case DATE -> {
                return Kind.DATE;
            }
            default -> {
            }
        }
        Matcher wh = WH.matcher(question);
        if (!wh.find()) {
            return null;
        }
        String word = wh.group(1).toLowerCase(Locale.ROOT);
        if (word.startsWith("who")) {
            return Kind.PERSON;
        }
        if (word.equals("where")) {
            return Kind.PLACE;
        }
        // "Which Egyptian spy chief…", "What team…": the kind of thing is among the next few words.
        Matcher w = WORD.matcher(question.substring(wh.end()));
        for (int i = 0; i < 4 && w.find(); i++) {
            String token = w.group();
            List<String> terms = TextAnalysis.terms(token);
            if (terms.isEmpty()) {
                continue;
            }
            String stem = terms.get(0);
            if (PERSON_NOUNS.contains(stem)) {
                return Kind.PERSON;
            }
            if (PLACE_NOUNS.contains(stem)) {
                return Kind.PLACE;
            }
            if (ORG_NOUNS.contains(stem)) {
                return Kind.ORGANISATION;
            }
            if (Character.isLowerCase(token.charAt(0)) && !token.equals("name") && !token.equals("names")
                    && i > 0) {
                break; // past the noun that names the kind
            }
        }
        return null;
    }

    /** The short answer to {@code question} in {@code sentence}, or null when the question asks for none. */
    public static String of(String question, String sentence) {
        Kind kind = kind(question);
        if (kind == null || sentence == null || sentence.isBlank()) {
            return null;
        }
        List<Span> candidates = switch (kind) {
            case PERSON, PLACE, ORGANISATION -> names(sentence);
            case NUMBER -> numbers(sentence, question);
            case DATE -> dates(sentence, question);
            case DURATION -> matches(DURATION, sentence);
        };
        Set<String> asked = words(question);
        Set<String> askedTerms = new HashSet<>(TextAnalysis.terms(question));
        List<Span> fresh = candidates.stream().filter(c -> !givenBy(c, asked, askedTerms)).toList();
        if (fresh.isEmpty()) {
            return null;
        }
        List<int[]> anchors = anchors(sentence, askedTerms);
        return fresh.stream()
                .min(Comparator.comparingInt((Span c) -> distance(c, anchors)).thenComparingInt(Span::start))
                .map(Span::text).orElse(null);
    }

    /** The short answer in the first sentence of a checked answer that cites something, or null. */
    public static String first(String question, List<AnswerSentence> sentences) {
        return sentences.stream().filter(s -> !s.citations().isEmpty()).findFirst().map(s -> of(question, s.text()))
                .orElse(null);
    }

    /** Runs of capitalised words ("Abbas Kamel", "University of Chicago"), not counting words that name nothing. */
    static List<Span> names(String sentence) {
        List<Span> out = new ArrayList<>();
        Matcher m = WORD.matcher(sentence);
        List<int[]> tokens = new ArrayList<>();
        while (m.find()) {
            tokens.add(new int[]{m.start(), m.end()});
        }
        int i = 0;
        while (i < tokens.size()) {
            if (!capitalised(sentence, tokens.get(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < tokens.size()) {
                int[] next = tokens.get(j + 1);
                if (gapBreaks(sentence, tokens.get(j)[1], next[0])) {
                    break;
                }
                if (capitalised(sentence, next)) {
                    j++;
                    continue;
                }
                String word = text(sentence, next).toLowerCase(Locale.ROOT);
                if (CONNECTORS.contains(word) && j + 2 < tokens.size() && capitalised(sentence, tokens.get(j + 2))
                        && !gapBreaks(sentence, next[1], tokens.get(j + 2)[0])) {
                    j += 2;
                    continue;
                }
                break;
            }
            int start = tokens.get(i)[0];
            int end = tokens.get(j)[1];
            String text = sentence.substring(start, end);
            if (text.endsWith(".") && !text.matches(".*\\b\\p{Lu}\\.$")) {
                end--;
                text = text.substring(0, text.length() - 1);
            }
            out.add(new Span(start, end, text));
            i = j + 1;
        }
        return out;
    }

    private static boolean capitalised(String sentence, int[] token) {
        String word = text(sentence, token);
        if (!Character.isUpperCase(word.charAt(0))) {
            return false;
        }
        return !NOT_NAMES.contains(word.toLowerCase(Locale.ROOT).replaceAll("[.'\u2019]+$", ""));
    }

    /** Punctuation other than a space or hyphen between two words ends a name. */
    private static boolean gapBreaks(String sentence, int from, int to) {
        String gap = sentence.substring(from, to);
        return !gap.isBlank() && !gap.equals("-");
    }

    private static String text(String sentence, int[] token) {
        return sentence.substring(token[0], token[1]);
    }

    /** Numbers, amounts and percentages that the question does not give and that are not years. */
    static List<Span> numbers(String sentence, String question) {
        boolean asksTime = DURATION.matcher(question).find() || question.toLowerCase(Locale.ROOT).contains("years");
        List<Span> out = new ArrayList<>();
        for (Span s : matches(NUMBER, sentence)) {
            String t = s.text().strip();
            if (!asksTime && t.matches("(1\\d|20)\\d\\d")) {
                continue; // a year does not count anything
            }
            out.add(s);
        }
        return out;
    }

    /** Dates; only the year where the question asks which year ("In what year…" wants "1995", not "May 1995"). */
    static List<Span> dates(String sentence, String question) {
        List<Span> all = matches(DATE, sentence);
        if (!ASKS_YEAR.matcher(question).find()) {
            return all;
        }
        List<Span> years = new ArrayList<>();
        for (Span s : all) {
            Matcher y = YEAR_ONLY.matcher(s.text());
            if (y.find()) {
                years.add(new Span(s.start() + y.start(), s.start() + y.end(), y.group()));
            } else if (s.text().matches("\\d{3,4}s")) {
                years.add(s);
            }
        }
        return years;
    }

    private static List<Span> matches(Pattern pattern, String sentence) {
        List<Span> out = new ArrayList<>();
        Matcher m = pattern.matcher(sentence);
        while (m.find()) {
            String t = m.group().strip();
            if (!t.isEmpty()) {
                out.add(new Span(m.start(), m.end(), t));
            }
        }
        return out;
    }

    /** A span the question already holds: every word of it is in the question, as written or as a term. */
    private static boolean givenBy(Span c, Set<String> asked, Set<String> askedTerms) {
        Matcher m = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'\u2019.,-]*").matcher(c.text());
        boolean any = false;
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT).replaceAll("[.,]+$", "");
            if (CONNECTORS.contains(w)) {
                continue;
            }
            any = true;
            if (!asked.contains(w)) {
                List<String> terms = TextAnalysis.terms(w);
                if (terms.isEmpty() || !askedTerms.containsAll(terms)) {
                    return false;
                }
            }
        }
        return any;
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'\u2019.,-]*").matcher(text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT).replaceAll("[.,]+$", ""));
        }
        return out;
    }

    /** The character spans of the sentence's words that the question also uses (by analysed term). */
    private static List<int[]> anchors(String sentence, Set<String> askedTerms) {
        List<int[]> out = new ArrayList<>();
        Matcher m = WORD.matcher(sentence);
        while (m.find()) {
            List<String> terms = TextAnalysis.terms(m.group());
            if (!terms.isEmpty() && askedTerms.containsAll(terms)) {
                out.add(new int[]{m.start(), m.end()});
            }
        }
        return out;
    }

    /** Words between the span and the nearest anchor outside it; far when the sentence shares no word. */
    private static int distance(Span c, List<int[]> anchors) {
        int best = Integer.MAX_VALUE / 2;
        for (int[] a : anchors) {
            if (a[0] >= c.start() && a[1] <= c.end()) {
                continue;
            }
            int gap = a[1] <= c.start() ? c.start() - a[1] : a[0] - c.end();
            best = Math.min(best, Math.max(0, gap));
        }
        return best;
    }

    private static Set<String> stems(String... words) {
        Set<String> out = new HashSet<>();
        for (String w : words) {
            out.addAll(TextAnalysis.terms(w));
        }
        return Set.copyOf(out);
    }
}
