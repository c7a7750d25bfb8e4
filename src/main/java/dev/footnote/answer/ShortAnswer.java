package dev.footnote.answer;

import dev.footnote.text.TextAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final Set<String> TYPE_WORDS = Set.of("type", "types", "kind", "kinds", "sort", "sorts", "form",
            "forms", "part", "parts", "way", "ways");
    private static final Set<String> PERSON_NOUNS = Set.of("person", "man", "woman", "individual",
            "official", "leader", "president", "king", "queen", "emperor", "scientist", "player", "coach", "author",
            "writer", "artist", "singer", "actor", "actress", "chief", "minister", "general", "commander", "pope",
            "bishop", "philosopher", "physicist", "chemist", "mathematician", "composer", "director", "founder",
            "inventor", "explorer", "poet", "ruler", "governor", "senator", "mayor", "head", "member", "quarterback",
            "economist", "historian", "architect", "engineer", "professor", "student", "son", "daughter", "father",
            "mother", "wife", "husband", "brother", "sister", "saint", "prophet", "theologian",
            "reformer", "monarch", "prince", "princess", "duke", "lord", "chancellor", "spokesman", "spokesperson",
            "ambassador", "envoy", "representative", "negotiator", "doctor", "physician", "biologist", "astronaut",
            "pilot", "musician", "producer", "designer", "researcher", "journalist", "judge");
    private static final Set<String> PLACE_NOUNS = Set.of("city", "country", "state", "region", "river", "place",
            "location", "area", "town", "continent", "island", "county", "mountain", "ocean", "sea", "stadium",
            "building", "nation", "province", "village", "capital", "territory", "district", "site", "venue",
            "lake", "valley", "desert", "port", "street", "neighborhood", "hotel", "arena", "park", "colony",
            "empire", "kingdom", "peninsula", "forest", "basin", "coast", "border", "hospital", "airport");
    private static final Set<String> ORG_NOUNS = Set.of("team", "company", "organization", "organisation", "group",
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
    private static final Pattern TOKEN = Pattern
            .compile("[\\p{L}\\p{N}$\u00a3\u20ac][\\p{L}\\p{M}\\p{N}'\u2019.,%-]*[\\p{L}\\p{N}%]|[\\p{L}\\p{N}]");
    private static final Pattern COUNTED = Pattern.compile("(?i)\\bhow (?:many|much)\\s+((?:\\S+\\s+){0,1}\\S+)");
    private static final Pattern TITLES = Pattern.compile("^(?:(?:Major|General|Lieutenant|Colonel|Captain|"
            + "Admiral|President|Prime|Minister|Chancellor|Dr\\.?|Mr\\.?|Mrs\\.?|Ms\\.?|Sir|Professor|Prof\\.?|"
            + "Senator|Governor|Mayor|Judge|Justice|Chief|Sheikh|Emir|Sultan)\\s+)+");
    private static final Pattern OFFICE = Pattern.compile("\\b(?:Minister|Ministry|Secretary|President|Director|"
            + "Chairman|Head|Department|Office|Intelligence)\\b");
    /**
     * An office a person holds: a name with one in it is no place. Narrower than {@link #OFFICE}, whose "Office",
     * "Department" and "Head" can name where ("the Oval Office", "Diamond Head").
     */
    private static final Pattern OFFICE_HOLDER = Pattern
            .compile("\\b(?:Minister|Secretary|President|Director|Chairman)\\b");
    private static final Pattern WORDS_OF_NAME = Pattern.compile("[\\s-]+");
    private static final Pattern POSSESSIVE = Pattern.compile("['\u2019]s?$");
    private static final Pattern MONTH_DATE = Pattern.compile("\\d{1,2}(?:st|nd|rd|th)?\\s+" + MONTH + "|" + MONTH
            + "\\s+\\d{1,2}\\b");
    /** A word as the question and the sentence are compared: "U.S.", "1,000", "al-Sisi" stay whole. */
    private static final Pattern LOOSE_WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'\u2019.,-]*");
    private static final Pattern TRAILING_STOP = Pattern.compile("[.,]+$");
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
        // "Which Egyptian spy chief…", "What team…": the kind is the noun right after the question word, past
        // names and adjectives; "What type of…" and "What did…" ask for no name.
        Matcher w = WORD.matcher(question.substring(wh.end()));
        for (int i = 0; i < 4 && w.find(); i++) {
            String token = w.group();
            String lower = token.toLowerCase(Locale.ROOT);
            if (Character.isUpperCase(token.charAt(0)) || lower.equals("famous") || lower.equals("name")
                    || lower.equals("names") || lower.equals("of") || lower.equals("the")) {
                continue;
            }
            if (TYPE_WORDS.contains(lower) || TextAnalysis.terms(token).isEmpty()) {
                return null; // a verb or "type of": not a named thing
            }
            String singular = singular(lower);
            if (PERSON_NOUNS.contains(singular)) {
                return Kind.PERSON;
            }
            if (PLACE_NOUNS.contains(singular)) {
                return Kind.PLACE;
            }
            if (ORG_NOUNS.contains(singular)) {
                return Kind.ORGANISATION;
            }
        }
        return null;
    }

    private static String singular(String word) {
        if (word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("men")) {
            return word.substring(0, word.length() - 3) + "man";
        }
        if (word.endsWith("ses") || word.endsWith("xes") || word.endsWith("ches")) {
            return word.substring(0, word.length() - 2);
        }
        return word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1) : word;
    }

    /** The short answer to {@code question} in {@code sentence}, or null when the question asks for none. */
    public static String of(String question, String sentence) {
        Pick pick = pick(question, sentence);
        return pick == null ? null : pick.text();
    }

    /**
     * A short answer and whether it stands where the question's verb puts the one asked about: 1 on that side of
     * the verb in the sentence, -1 on the other, 0 when the question or the sentence shows no such verb.
     */
    private record Pick(String text, int role) {
    }

    private static Pick pick(String question, String sentence) {
        Kind kind = kind(question);
        if (kind == null || sentence == null || sentence.isBlank()) {
            return null;
        }
        List<Span> candidates = switch (kind) {
            case PERSON -> names(sentence).stream().map(n -> OFFICE.matcher(n.text()).find() ? untitled(n) : n)
                    .toList();
            case PLACE, ORGANISATION -> names(sentence);
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
        List<Token> tokens = tokens(sentence, askedTerms);
        Set<String> counted = kind == Kind.NUMBER ? counted(question) : Set.of();
        Role role = kind == Kind.PERSON ? Role.of(question) : null;
        Side side = role == null ? Side.UNKNOWN : role.in(tokens);
        return fresh.stream()
                .max(Comparator.comparingInt((Span c) -> fit(kind, c, sentence, counted))
                        .thenComparingInt(side::of)
                        .thenComparingDouble(c -> closeness(c, tokens)).thenComparingInt(c -> -c.start()))
                .map(c -> new Pick(c.text(), side.of(c))).orElse(null);
    }

    /** A checked answer's short answer and the id of the citation that backs it. */
    public record Given(String text, int citation) {
    }

    /**
     * The short answer in the first sentence of a checked answer that cites something, with that sentence's first
     * citation, or null. When that sentence's answer stands on the wrong side of the question's verb ("headed by
     * Ismail Haniyeh … held a meeting" for "Who did the delegation meet?") and a later cited sentence has one on
     * the right side ("its delegation met … Abbas Kamel"), the later one answers.
     */
    public static Given given(String question, List<AnswerSentence> sentences) {
        List<AnswerSentence> cited = sentences.stream().filter(s -> !s.citations().isEmpty()).toList();
        Found found = find(question, cited.stream().map(AnswerSentence::text).toList());
        return found == null ? null : new Given(found.text(), cited.get(found.sentence()).citations().get(0));
    }

    /** A short answer and which of an answer's sentences gives it. */
    record Found(String text, int sentence) {
    }

    /**
     * The short answer of an answer's sentences, as {@link #given} chooses it: the first sentence's, unless its
     * answer stands on the wrong side of the question's verb and a later one's on the right side; null when the
     * first sentence gives none.
     */
    static Found find(String question, List<String> sentences) {
        List<Pick> picks = sentences.stream().map(s -> pick(question, s)).toList();
        if (picks.isEmpty() || picks.get(0) == null) {
            return null;
        }
        if (picks.get(0).role() < 0) {
            for (int i = 1; i < picks.size(); i++) {
                if (picks.get(i) != null && picks.get(i).role() > 0) {
                    return new Found(picks.get(i).text(), i);
                }
            }
        }
        return new Found(picks.get(0).text(), 0);
    }

    /**
     * Whether a sentence, by its analysed terms, says a short answer again: all of its words, or, for a person, the
     * last of them ("Abbas Kamel" says "Major General Abbas Kamel" again).
     */
    static boolean says(Set<String> sentenceTerms, String shortAnswer, Kind kind) {
        List<String> answer = TextAnalysis.terms(shortAnswer);
        if (answer.isEmpty()) {
            return false;
        }
        return sentenceTerms.containsAll(answer) || (kind == Kind.PERSON && sentenceTerms.contains(answer.getLast()));
    }

    /** Where the verb stands in a sentence, and on which side of it the one asked about is (null verb: unknown). */
    private record Side(Token verb, boolean wantAfter) {
        static final Side UNKNOWN = new Side(null, false);

        /** 1 when the span is on the side of the verb the question asks about, -1 on the other, 0 if unknown. */
        int of(Span c) {
            if (verb == null) {
                return 0;
            }
            boolean after = c.start() >= verb.end();
            boolean before = c.end() <= verb.start();
            if (!after && !before) {
                return 0;
            }
            return after == wantAfter ? 1 : -1;
        }
    }

    /**
     * The verb of a "who" question and whether the person asked about is its object ("Who did the delegation
     * meet?") or its subject ("Who met the spy chief?"). The verb of an object question is taken as the word
     * before its first preposition, or its last word: the subject comes between the auxiliary and the verb.
     */
    private record Role(List<String> verb, boolean object) {
        private static final Pattern OBJECT = Pattern.compile(
                "(?i)^\\s*(?:who|whom)\\s+(?:did|does|do|will|would|can|could|should|might|may)\\s+(.+?)[\\s?.!]*$");
        private static final Pattern SUBJECT = Pattern.compile("(?i)^\\s*who\\s+([\\p{L}]+)\\b");
        private static final Set<String> PREPOSITIONS = Set.of("in", "at", "on", "to", "from", "with", "during",
                "after", "before", "for", "by", "into", "about", "against", "as", "when", "while", "because",
                "under", "over", "through", "without", "between", "among", "than");
        private static final Set<String> NOT_VERBS = Set.of("is", "was", "were", "are", "be", "been", "has", "have",
                "had", "did", "does", "do", "will", "would", "can", "could", "should", "may", "might", "must", "else",
                "also", "first", "then", "exactly");

        /**
         * Past forms of common irregular verbs and their base, so that "met" is found as the verb "meet". Only here,
         * not in the index's analysis: indexed that way, "Which Egyptian official met the Hamas delegation?" lost
         * its answer on the sample articles to a passage about who headed a delegation.
         */
        private static final Map<String, String> IRREGULAR = irregular("met meet", "went go", "gone go",
                "began begin", "begun begin", "won win", "led lead", "wrote write", "written write", "took take",
                "taken take", "gave give", "given give", "made make", "said say", "built build", "became become",
                "held hold", "fought fight", "bought buy", "sold sell", "brought bring", "taught teach",
                "thought think", "told tell", "knew know", "known know", "grew grow", "grown grow", "drew draw",
                "drawn draw", "flew fly", "flown fly", "ran run", "chose choose", "chosen choose", "spoke speak",
                "spoken speak", "broke break", "broken break", "stole steal", "stolen steal", "drove drive",
                "driven drive", "struck strike", "sent send", "paid pay", "caught catch", "sought seek",
                "kept keep", "heard hear", "shot shoot", "forgot forget", "ate eat", "saw see", "seen see",
                "beat beat", "beaten beat", "threw throw", "thrown throw", "withdrew withdraw", "fled flee",
                "hung hang", "swore swear", "sworn swear", "lent lend", "overtook overtake", "upheld uphold");

        private static Map<String, String> irregular(String... pairs) {
            Map<String, String> map = new HashMap<>();
            for (String pair : pairs) {
                int space = pair.indexOf(' ');
                map.put(pair.substring(0, space), pair.substring(space + 1));
            }
            return Map.copyOf(map);
        }

        /** A word's terms, an irregular past form's base's ("met" as "meet"). */
        private static List<String> verbTerms(String word) {
            return TextAnalysis.terms(IRREGULAR.getOrDefault(word.toLowerCase(Locale.ROOT), word));
        }

        /** As {@link #verbTerms(String)}, from the terms the sentence's word was already analysed into. */
        private static List<String> verbTerms(Token t) {
            String base = IRREGULAR.get(t.text().toLowerCase(Locale.ROOT));
            return base == null ? t.terms() : TextAnalysis.terms(base);
        }

        static Role of(String question) {
            Matcher object = OBJECT.matcher(question);
            if (object.matches()) {
                List<String> words = wordList(object.group(1));
                int verb = words.size() - 1;
                for (int i = 1; i < words.size(); i++) {
                    if (PREPOSITIONS.contains(words.get(i))) {
                        verb = i - 1;
                        break;
                    }
                }
                List<String> terms = verb >= 1 ? verbTerms(words.get(verb)) : List.of();
                return terms.size() == 1 ? new Role(terms, true) : null;
            }
            Matcher subject = SUBJECT.matcher(question);
            if (subject.find() && !NOT_VERBS.contains(subject.group(1).toLowerCase(Locale.ROOT))) {
                List<String> terms = verbTerms(subject.group(1));
                return terms.size() == 1 ? new Role(terms, false) : null;
            }
            return null;
        }

        /**
         * The first word of the sentence that is the verb (by its term: "met", "meets" and "meeting" are "meet"),
         * and the side asked about: after a passive "was met by", the one who met comes after the verb.
         */
        Side in(List<Token> tokens) {
            for (int i = 0; i < tokens.size(); i++) {
                if (verbTerms(tokens.get(i)).equals(verb)) {
                    boolean passive = i + 1 < tokens.size() && tokens.get(i + 1).text().equalsIgnoreCase("by");
                    return new Side(tokens.get(i), object != passive);
                }
            }
            return Side.UNKNOWN;
        }
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
            Matcher possessive = POSSESSIVE.matcher(text);
            if (possessive.find()) {
                end -= possessive.group().length();
                text = text.substring(0, possessive.start());
            }
            out.add(new Span(start, end, text));
            i = j + 1;
        }
        return out;
    }

    /** A person's name without the titles before it: "Abbas Kamel" of "Major General Abbas Kamel". */
    private static Span untitled(Span name) {
        Matcher m = TITLES.matcher(name.text());
        if (m.find() && m.end() < name.text().length()) {
            return new Span(name.start() + m.end(), name.end(), name.text().substring(m.end()));
        }
        return name;
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
        List<Span> days = matches(MONTH_DATE, sentence);
        for (Span s : matches(NUMBER, sentence)) {
            String t = s.text().strip();
            if (days.stream().anyMatch(d -> d.start() < s.end() && s.start() < d.end())) {
                continue; // the day of a date ("10 November") counts nothing
            }
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
        boolean any = false;
        for (String w : wordList(c.text())) {
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
        return new HashSet<>(wordList(text));
    }

    /** The text's words in order, lower-cased, without a trailing full stop or comma. */
    private static List<String> wordList(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = LOOSE_WORD.matcher(text);
        while (m.find()) {
            out.add(TRAILING_STOP.matcher(m.group().toLowerCase(Locale.ROOT)).replaceFirst(""));
        }
        return out;
    }

    /** A word of the sentence, where it is, its terms, and the question's term it repeats (null when none). */
    private record Token(int start, int end, String text, List<String> terms, String asked) {
    }

    private static List<Token> tokens(String sentence, Set<String> askedTerms) {
        List<Token> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(sentence);
        while (m.find()) {
            List<String> terms = TextAnalysis.terms(m.group());
            String asked = !terms.isEmpty() && askedTerms.containsAll(terms) ? String.join(" ", terms) : null;
            out.add(new Token(m.start(), m.end(), m.group(), terms, asked));
        }
        return out;
    }

    /**
     * How close the span is to the question's words in the sentence: for each word of the question found there,
     * one over one plus the number of words between it and the span, summed. A span next to several of them wins.
     */
    private static double closeness(Span c, List<Token> tokens) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.end() > c.start() && t.start() < c.end()) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return 0;
        }
        java.util.Map<String, Double> best = new java.util.HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.asked() == null || (i >= first && i <= last)) {
                continue;
            }
            int gap = i < first ? first - i - 1 : i - last - 1;
            best.merge(t.asked(), 1.0 / (1 + gap), Math::max);
        }
        return best.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * How well the span fits the kind asked, before closeness: a count followed by the thing the question counts
     * ("12 seats" for "How many seats"), a name that reads as a person's for "who" and not as a place or body.
     */
    private static int fit(Kind kind, Span c, String sentence, Set<String> counted) {
        switch (kind) {
            case NUMBER -> {
                String after = sentence.substring(c.end());
                Matcher next = TOKEN.matcher(after);
                int score = 0;
                for (int i = 0; i < 3 && next.find(); i++) {
                    List<String> terms = TextAnalysis.terms(next.group());
                    if (!terms.isEmpty() && counted.contains(terms.get(0))) {
                        score = 2;
                        break;
                    }
                }
                if (after.matches("(?s)^\\s+of\\b.*") && c.text().equalsIgnoreCase("one")) {
                    score -= 1; // "one of the largest" counts nothing
                }
                return score;
            }
            case PERSON -> {
                return bodyOrPlace(c.text()) || OFFICE.matcher(c.text()).find() ? 0 : c.text().contains(" ") ? 2 : 1;
            }
            case PLACE -> {
                // "the Egyptian Minister of Intelligence" is whom, not where.
                return OFFICE_HOLDER.matcher(c.text()).find() || (!c.text().contains(" ") && demonym(c.text())) ? 0 : 1;
            }
            case ORGANISATION -> {
                return c.text().contains(" ") || !demonym(c.text()) ? 1 : 0;
            }
            default -> {
                return 0;
            }
        }
    }

    /** The nouns a "how many" question counts: the words right after "how many" or "how much". */
    private static Set<String> counted(String question) {
        Matcher m = COUNTED.matcher(question);
        Set<String> out = new HashSet<>();
        if (m.find()) {
            out.addAll(TextAnalysis.terms(m.group(1)));
        }
        return out;
    }

    /** A name with a word of a place or organisation in it ("University of Oxford") names no person. */
    private static boolean bodyOrPlace(String name) {
        for (String word : WORDS_OF_NAME.split(name.toLowerCase(Locale.ROOT), -1)) {
            String singular = singular(word);
            if (PLACE_NOUNS.contains(singular) || ORG_NOUNS.contains(singular) || singular.equals("parliament")
                    || singular.equals("war") || singular.equals("kingdom")) {
                return true;
            }
        }
        return demonym(name);
    }

    /** One word like "German", "Lutheran", "English": more often an adjective than the name asked for. */
    private static boolean demonym(String name) {
        return !name.contains(" ") && name.matches("\\p{Lu}\\p{Ll}+(an|ese|ish|ic|i|ch)");
    }
}
