package dev.footnote.conversation;

import dev.footnote.text.TextAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a follow-up standalone without a language model, from the previous turn's searched query and answer.
 *
 * <ul>
 * <li>Ellipsis: "And in Turkey?", "What about Hossam Badran?", "And the Israeli delegation?" take the previous
 * query and put the fragment in the place of its counterpart (the same preposition's object, the noun phrase with
 * the same head noun, the name, or what a "Who is …" asked about).
 * <li>"he", "she", "his", "her": the person the previous query is about ("Who did Ismail Haniyeh meet?" → Ismail
 * Haniyeh); when that query asked for a person ("Which Egyptian official met the Hamas delegation?"), the person
 * its answer named, the one whose surroundings share most words with the query (Abbas Kamel).
 * <li>"they", "them", "their": the group the previous query spoke of ("the Hamas delegation", "Palestinians").
 * <li>"it", "its": the group or thing, else the last place or organisation of the previous query; "there": the
 * place the previous query named, or the place its answer gave to a "Where …" question.
 * </ul>
 * A pronoun whose person is named earlier in the same question ("What did Netanyahu say his cabinet …") is left
 * alone, and a question without pronoun or ellipsis is searched as asked: a new topic carries nothing over.
 */
public final class FollowUpRule {

    private static final Pattern PRONOUN = Pattern.compile(
            "\\b(he|she|they|it|him|them|his|hers|its|their|theirs|her|there)\\b(\\s+(\\p{L}+))?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A run of capitalised words, allowing the small words inside names ("Bank of England", "Abu al-Qasim"). */
    private static final Pattern NAME = Pattern.compile(
            "\\b\\p{Lu}[\\p{L}\\p{N}'\u2019.-]*(?:\\s+(?:(?:of|the|bin|al|de|du|van|von|da)\\s+)?\\p{Lu}[\\p{L}\\p{N}'\u2019.-]*)*");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'\u2019-]*");
    /** Capitalised only because a sentence starts with them, or not names at all. */
    private static final Set<String> NOT_NAMES = Set.of("who", "what", "when", "where", "why", "how", "which", "whom",
            "whose", "did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "can", "could", "will",
            "would", "should", "the", "a", "an", "in", "on", "at", "for", "and", "but", "or", "of", "to", "after",
            "before", "according", "tell", "please", "list", "name", "give", "he", "she", "they", "it", "his", "her",
            "their", "its", "this", "that", "these", "those", "there", "i", "we", "you", "yes", "no", "also", "then",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december");
    /** After "her", these words mean it was the object ("met her in Cairo"), not the possessive ("her party"). */
    private static final Set<String> AFTER_OBJECT = Set.of("in", "on", "at", "to", "for", "with", "from", "about",
            "after", "before", "and", "or", "when", "where", "during", "since", "by", "as", "if", "again", "last",
            "first");
    private static final Set<String> WH = Set.of("who", "whom", "whose", "what", "when", "where", "which", "why",
            "how");
    private static final Set<String> DO = Set.of("did", "does", "do", "will", "would", "can", "could", "should",
            "may", "might", "shall");
    private static final Set<String> BE = Set.of("is", "was", "are", "were");
    private static final Set<String> AUX = Set.of("did", "does", "do", "will", "would", "can", "could", "should",
            "may", "might", "shall", "is", "was", "are", "were", "has", "have", "had", "be", "been");
    private static final Set<String> QUESTION_START = Set.of("who", "whom", "whose", "what", "when", "where",
            "which", "why", "how", "did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "can",
            "could", "will", "would", "should", "tell", "list", "name", "give", "show", "describe", "explain");
    private static final Set<String> PREPOSITIONS = Set.of("in", "at", "to", "from", "on", "for", "with", "during",
            "after", "before", "into", "about", "against", "towards", "toward", "by", "of", "near", "over", "under",
            "than", "that", "who", "which");
    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "its", "their", "his", "her", "this",
            "that", "these", "those");
    /** Titles and roles that stand before a person's name ("President Recep Tayyip Erdogan"). */
    private static final Set<String> TITLES = Set.of("president", "prime", "minister", "major", "general", "sheikh",
            "dr", "mr", "mrs", "ms", "ambassador", "former", "senior", "spokesman", "spokeswoman", "king", "queen",
            "prince", "colonel", "lieutenant", "commander", "chief", "head", "leader", "official", "envoy",
            "representative", "member", "premier", "secretary", "coordinator", "director", "judge", "mayor");
    /** Words that make a capitalised run an organisation or a place, not a person. */
    private static final Set<String> NOT_PERSON = Set.of("strip", "movement", "resistance", "bureau", "agency",
            "nations", "union", "ministry", "authority", "committee", "council", "front", "organization",
            "organisation", "party", "forces", "city", "camp", "crossing", "republic", "assembly", "states", "kingdom",
            "news", "tv", "media", "army", "government", "presidency", "territories", "office", "house", "university",
            "hub", "channel", "process", "bank", "sea", "east", "west", "north", "south", "intelligence", "talks",
            "ramadan", "court", "company", "group", "school", "hospital", "street", "square", "airport");
    /** Nouns that stand for several people or a body of them: what "they" points back to. */
    private static final Set<String> GROUPS = Set.of("delegation", "delegations", "leadership", "group", "movement",
            "officials", "leaders", "mediators", "troops", "forces", "sides", "authorities", "sources", "people",
            "factions", "gunmen", "civilians", "hostages", "captives", "prisoners", "members", "negotiators",
            "countries", "agencies", "government", "cabinet", "militants", "fighters", "residents", "refugees",
            "soldiers", "delegates", "parties", "ministers", "committee", "unions", "journalists", "youths");
    /** The groups that are one body: "it" may point back to them. */
    private static final Set<String> BODIES = Set.of("delegation", "leadership", "group", "movement", "government",
            "cabinet", "committee");
    /** Nouns of a "Which … " question that ask for a person. */
    private static final Set<String> PERSON_NOUNS = Set.of("official", "member", "leader", "spokesman",
            "spokeswoman", "minister", "president", "representative", "man", "woman", "person", "envoy", "chief",
            "head", "commander", "coordinator", "ambassador", "journalist", "premier", "politician", "general");
    /** Verbs of saying after a single capitalised word mark it as a person ("Netanyahu said"). */
    private static final Set<String> SAYING = Set.of("said", "says", "told", "stated", "added", "affirmed", "vowed",
            "insisted", "claimed", "stressed", "reiterated", "cited", "criticized", "confirmed", "announced",
            "emphasized", "warned", "denied");
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("in", "to", "at", "into", "from");
    private static final Pattern LEADING_AND = Pattern.compile("(?i)^(?:and|but|also|or|so)\\b[\\s,]*");
    private static final Pattern ABOUT = Pattern.compile("(?i)^(?:(?:what|how)\\s+about|what\\s+of|as\\s+for)\\b\\s*");
    private static final Pattern LEADING_PHRASE = Pattern
            .compile("(?i)^((?:in|at|to|from|on|for|with|during|after|before|into)\\s+[^,]+),\\s*(.+)$");
    private static final Pattern PREPOSITION_FRAGMENT = Pattern
            .compile("(?i)^(in|at|to|from|on|for|with|during|after|before|into)\\s+(.+)$");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    /** The follow-up made standalone, or unchanged when there is nothing in it that points back. */
    public String rewrite(String question, List<Turn> history) {
        if (history.isEmpty()) {
            return question;
        }
        Turn previous = history.get(history.size() - 1);
        Referents refs = new Referents(previous);
        String merged = ellipsis(question.strip(), previous.searchQuery(), refs);
        String q = merged == null ? question : merged;
        return resolve(q, refs);
    }

    // ------------------------------------------------------------------ ellipsis

    /** The previous query completed by a fragment ("And in Turkey?"), or null when the question is not one. */
    private static String ellipsis(String question, String previous, Referents refs) {
        String s = question.replaceAll("[\\s?.!]+$", "");
        boolean marked = false;
        Matcher and = LEADING_AND.matcher(s);
        if (and.find()) {
            s = s.substring(and.end());
            marked = true;
        }
        Matcher about = ABOUT.matcher(s);
        if (about.find()) {
            s = s.substring(about.end());
            marked = true;
        }
        if (s.isEmpty()) {
            return null;
        }
        Matcher lead = LEADING_PHRASE.matcher(s);
        if (marked && lead.matches() && startsQuestion(lead.group(2))) {
            // "And in Cairo, who did he meet?": the phrase belongs to the question that follows it.
            return capitalise(lead.group(2).replaceAll("[\\s?.!]+$", "")) + " " + lead.group(1) + "?";
        }
        if (startsQuestion(s)) {
            return marked ? capitalise(s) + "?" : null;
        }
        boolean phrase = PREPOSITION_FRAGMENT.matcher(s).matches();
        if ((!marked && !phrase) || s.split("\\s+", -1).length > 10) {
            return null;
        }
        if (PRONOUN.matcher(s).matches()) {
            // "What about him?": the fragment is whoever the pronoun stands for.
            String pronoun = s.toLowerCase(Locale.ROOT);
            s = switch (pronoun) {
                case "they", "them", "their", "theirs" -> refs.group();
                case "it", "its", "there" -> null;
                default -> refs.person();
            };
            if (s == null) {
                return null;
            }
        }
        return merge(previous.replaceAll("[\\s?.!]+$", ""), s) + "?";
    }

    private static String merge(String previous, String fragment) {
        Matcher p = PREPOSITION_FRAGMENT.matcher(fragment);
        if (p.matches()) {
            String preposition = p.group(1).toLowerCase(Locale.ROOT);
            String object = words(p.group(2)).get(0).lower();
            if (NOT_NAMES.contains(object) || Character.isDigit(object.charAt(0))) {
                // "And in January?" adds a time; it takes no place's place.
                return previous + " " + fragment;
            }
            Matcher same = objectOf(preposition).matcher(previous);
            if (same.find()) {
                return previous.substring(0, same.start()) + fragment + previous.substring(same.end());
            }
            if (PLACE_PREPOSITIONS.contains(preposition)) {
                Matcher place = objectOf("in|to|at|into").matcher(previous);
                if (place.find()) {
                    return previous.substring(0, place.start()) + fragment + previous.substring(place.end());
                }
            }
            return previous + " " + fragment;
        }
        List<Tok> fragmentWords = words(fragment);
        String head = headNoun(fragmentWords);
        if (head != null) {
            List<Tok> words = words(previous);
            for (int i = 0; i < words.size(); i++) {
                if (words.get(i).lower().equals(head)) {
                    int from = phraseStart(words, i);
                    return previous.substring(0, words.get(from).start()) + fragment
                            + previous.substring(words.get(i).end());
                }
            }
        }
        boolean isName = !fragmentWords.isEmpty() && Character.isUpperCase(fragmentWords.get(0).text().charAt(0))
                && !DETERMINERS.contains(fragmentWords.get(0).lower());
        Span person = isName ? firstName(previous, previous, true) : null;
        if (person != null) {
            return previous.substring(0, person.start()) + fragment + previous.substring(person.end());
        }
        List<Tok> words = words(previous);
        if (words.size() > 2 && WH.contains(words.get(0).lower()) && BE.contains(words.get(1).lower())) {
            // "Who is the UN coordinator?" + "And the EU's representative?": the fragment is what is asked about.
            return previous.substring(0, words.get(1).end()) + " " + fragment;
        }
        Span name = isName ? firstName(previous, previous, false) : null;
        if (name != null) {
            return previous.substring(0, name.start()) + fragment + previous.substring(name.end());
        }
        return previous + " " + fragment;
    }

    /** A preposition and the capitalised name after it ("to Cairo", "in the Gaza Strip"). */
    private static Pattern objectOf(String prepositions) {
        return Pattern.compile("(?i:\\b(?:" + prepositions + ")\\s+)(?:the\\s+)?\\p{Lu}[\\p{L}\\p{N}'\u2019.-]*"
                + "(?:\\s+\\p{Lu}[\\p{L}\\p{N}'\u2019.-]*)*");
    }

    /** The fragment's head noun: its first plain word that is no determiner ("source" in "the source from …"). */
    private static String headNoun(List<Tok> words) {
        String head = null;
        for (Tok w : words) {
            if (DETERMINERS.contains(w.lower()) || Character.isUpperCase(w.text().charAt(0))) {
                if (head != null) {
                    break;
                }
                continue;
            }
            if (PREPOSITIONS.contains(w.lower()) || w.lower().equals("and")) {
                break;
            }
            head = w.lower();
        }
        return head != null && head.length() > 2 ? head : null;
    }

    /** Where the noun phrase ending at word {@code end} starts: back over its modifiers, to its determiner. */
    private static int phraseStart(List<Tok> words, int end) {
        int from = end;
        for (int j = end - 1; j >= 0; j--) {
            String w = words.get(j).lower();
            if (DETERMINERS.contains(w)) {
                return j;
            }
            if (WH.contains(w) || AUX.contains(w) || PREPOSITIONS.contains(w) || w.equals("many") || w.equals("much")
                    || (j == 0)) {
                break;
            }
            from = j;
        }
        return from;
    }

    private static boolean startsQuestion(String s) {
        List<Tok> w = words(s);
        return !w.isEmpty() && QUESTION_START.contains(w.get(0).lower());
    }

    // ------------------------------------------------------------------ pronouns

    private static String resolve(String question, Referents refs) {
        Matcher m = PRONOUN.matcher(question);
        if (!m.find()) {
            return question;
        }
        m.reset();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String pronoun = m.group(1).toLowerCase(Locale.ROOT);
            String next = m.group(3) == null ? null : m.group(3).toLowerCase(Locale.ROOT);
            boolean possessive = switch (pronoun) {
                case "his", "hers", "its", "their", "theirs" -> true;
                case "her" -> next != null && !AFTER_OBJECT.contains(next);
                default -> false;
            };
            String before = question.substring(0, m.start());
            if (pronoun.equals("there") && existential(lastWord(before), next)) {
                // "Is there a truce?", "There was no deal": no place is meant.
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String replacement = switch (pronoun) {
                case "he", "she", "him", "his", "hers", "her" -> {
                    boolean object = pronoun.equals("him") || (pronoun.equals("her") && !possessive);
                    yield !object && namedBefore(before) ? null : refs.person();
                }
                case "they", "them", "their", "theirs" -> refs.group();
                case "it", "its" -> refs.thing();
                default -> refs.place();
            };
            if (replacement == null) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            if (pronoun.equals("there")) {
                String last = lastWord(before);
                replacement = PREPOSITIONS.contains(last) ? replacement : "in " + replacement;
            } else if (possessive) {
                replacement = replacement + "'s";
            }
            if (m.start() == 0 || before.strip().endsWith("?") || before.strip().endsWith(".")) {
                replacement = capitalise(replacement);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement + (m.group(2) == null ? "" : m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** "there" next to a form of "be" or "have" says that something exists, not where. */
    private static boolean existential(String before, String next) {
        return BE.contains(before) || before.equals("be") || (next != null && (BE.contains(next)
                || Set.of("be", "has", "have", "had", "will", "would", "seems", "seem", "appears", "remain", "remains")
                        .contains(next)));
    }

    /** Whether the question names someone before its pronoun, who the pronoun then stands for. */
    private static boolean namedBefore(String before) {
        for (Span s : spans(before)) {
            if (!nonPerson(s.name(), before)) {
                return true;
            }
        }
        return false;
    }

    /** What the pronouns of a follow-up point back to, worked out from the previous turn when first needed. */
    private static final class Referents {
        private final Turn previous;
        private final String query;
        private final String context;

        Referents(Turn previous) {
            this.previous = previous;
            this.query = previous.searchQuery();
            this.context = previous.searchQuery() + " . " + previous.answer();
        }

        String person() {
            if (!asksForPerson(query)) {
                Span name = firstName(query, context, true);
                if (name != null) {
                    return name.name();
                }
            }
            String answered = bestInAnswer(true);
            if (answered != null) {
                return answered;
            }
            Span name = firstName(query, context, true);
            return name != null ? name.name() : mainName(previous);
        }

        String group() {
            String group = groupIn(query, false);
            if (group != null) {
                return group;
            }
            for (Span s : spans(query)) {
                if (!isPerson(s, context) && !isPlace(query, s)) {
                    return s.name();
                }
            }
            return person();
        }

        String thing() {
            String body = groupIn(query, true);
            if (body != null) {
                return body;
            }
            if (asksForSubject(query)) {
                String answered = groupIn(bestSentence(), true);
                if (answered != null) {
                    return answered;
                }
            }
            Span last = null;
            for (Span s : spans(query)) {
                if (!isPerson(s, context)) {
                    last = s;
                }
            }
            return last == null ? null : last.name();
        }

        String place() {
            if (words(query).stream().findFirst().map(w -> w.lower().equals("where")).orElse(false)) {
                String answered = bestInAnswer(false);
                if (answered != null) {
                    return answered;
                }
            }
            Matcher m = objectOf("in|to|at|into|from").matcher(query);
            String last = null;
            while (m.find()) {
                last = m.group().replaceFirst("(?i)^\\S+\\s+", "");
            }
            return last;
        }

        /**
         * The person (or, with {@code person} false, the place after in/to/at) that the previous answer names and its
         * query does not, whose surroundings share most of the query's words.
         */
        private String bestInAnswer(boolean person) {
            String answer = previous.answer();
            Set<String> asked = TextAnalysis.termSet(query);
            String queryLower = query.toLowerCase(Locale.ROOT);
            String best = null;
            int bestScore = -1;
            for (Span s : spans(answer)) {
                if (queryLower.contains(s.name().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (person && !isPerson(s, answer)) {
                    continue;
                }
                if (!person && (!isPlace(answer, s) || isPerson(s, answer))) {
                    continue;
                }
                int score = 0;
                for (String term : TextAnalysis.termSet(sentenceAround(answer, s.start()))) {
                    if (asked.contains(term)) {
                        score++;
                    }
                }
                if (score > bestScore) {
                    best = person ? withoutTitles(s.name()) : s.name();
                    bestScore = score;
                }
            }
            return best;
        }

        /** The sentence of the previous answer that shares most words with its query. */
        private String bestSentence() {
            Set<String> asked = TextAnalysis.termSet(query);
            String best = "";
            int bestScore = -1;
            for (String sentence : previous.answer().split("(?<=[.!?])\\s+", -1)) {
                int score = 0;
                for (String term : TextAnalysis.termSet(sentence)) {
                    score += asked.contains(term) ? 1 : 0;
                }
                if (score > bestScore) {
                    best = sentence;
                    bestScore = score;
                }
            }
            return best;
        }
    }

    /**
     * The first noun phrase for a group ("the Hamas delegation", "Palestinians"), leaving out what a "Which …"
     * question asks for; with {@code body}, only a group that is one body ("it").
     */
    static String groupIn(String text, boolean body) {
        List<Tok> words = words(text);
        int skip = 0;
        if (!words.isEmpty() && (words.get(0).lower().equals("which") || words.get(0).lower().equals("what"))) {
            // "Which officials arrived …": the asked-for group is not one to point back to.
            while (skip + 1 < words.size() && !AUX.contains(words.get(skip + 1).lower())
                    && Character.isUpperCase(words.get(skip + 1).text().charAt(0))) {
                skip++;
            }
            skip += 2;
        }
        for (int i = skip; i < words.size(); i++) {
            Tok w = words.get(i);
            boolean group = body ? BODIES.contains(w.lower()) : GROUPS.contains(w.lower()) || pluralPeople(w);
            if (!group) {
                continue;
            }
            int end = i;
            while (end + 1 < words.size() && (body ? BODIES : GROUPS).contains(words.get(end + 1).lower())) {
                end++;
            }
            int from = phraseStart(words, end);
            if (Character.isUpperCase(w.text().charAt(0)) && from == end) {
                return w.text();
            }
            return text.substring(words.get(from).start(), words.get(end).end());
        }
        return null;
    }

    /** "Palestinians", "Israelis": a people named in the plural. */
    private static boolean pluralPeople(Tok w) {
        String t = w.text();
        return Character.isUpperCase(t.charAt(0)) && t.length() > 5
                && (t.endsWith("ians") || t.endsWith("ans") || t.endsWith("is") || t.endsWith("ese"));
    }

    /** Whether a question asks for a person who is its subject: "Who met …", "Which official …", "Who is the …". */
    static boolean asksForPerson(String query) {
        List<Tok> w = words(query);
        if (w.size() < 2) {
            return false;
        }
        String first = w.get(0).lower();
        String second = w.get(1).lower();
        if (first.equals("who")) {
            if (DO.contains(second)) {
                return false;
            }
            if (BE.contains(second)) {
                // "Who is Ahmad Abdel Hadi?" asks about the person it names; "Who is the spokesman?" for a new one.
                return w.size() < 3 || !Character.isUpperCase(w.get(2).text().charAt(0));
            }
            return true;
        }
        if (first.equals("which") || first.equals("what")) {
            for (int i = 1; i < w.size(); i++) {
                String x = w.get(i).lower();
                if (AUX.contains(x)) {
                    return false;
                }
                if (PERSON_NOUNS.contains(x)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "Who is expected …", "What hit …": the subject is what is asked for. */
    private static boolean asksForSubject(String query) {
        List<Tok> w = words(query);
        return w.size() > 1 && WH.contains(w.get(0).lower()) && !DO.contains(w.get(1).lower());
    }

    /** The first name in {@code text} (a person's with {@code person}), judged in {@code context}. */
    private static Span firstName(String text, String context, boolean person) {
        for (Span s : spans(text)) {
            if (!person || isPerson(s, context)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Whether a capitalised run names a person: two words or more once titles are set aside, with no word of an
     * organisation or place; a single word when a title stands before it, a verb of saying after it, or it ends a
     * longer name of the same text. Never a people ("Egyptian") nor a word that takes "the" ("the Hamas
     * movement").
     */
    static boolean isPerson(Span s, String context) {
        String name = withoutTitles(s.name());
        if (name.isEmpty() || nonPerson(name, context)) {
            return false;
        }
        String[] parts = name.split("\\s+", -1);
        if (parts.length >= 2) {
            return true;
        }
        if (!name.equals(s.name())) {
            return true;
        }
        String lower = context.toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        Matcher titled = Pattern.compile("\\b(\\p{L}+)\\s+" + Pattern.quote(n) + "\\b").matcher(lower);
        while (titled.find()) {
            if (TITLES.contains(titled.group(1))) {
                return true;
            }
        }
        Matcher says = Pattern.compile("\\b" + Pattern.quote(n) + "\\s+(?:has\\s+|had\\s+)?(\\p{L}+)").matcher(lower);
        while (says.find()) {
            if (SAYING.contains(says.group(1))) {
                return true;
            }
        }
        for (Span other : spans(context)) {
            String o = withoutTitles(other.name());
            if (o.split("\\s+", -1).length >= 2 && o.endsWith(" " + name) && !nonPerson(o, context)) {
                return true;
            }
        }
        return false;
    }

    /** A name no person has: a people, an organisation or place word, or a word used with "the". */
    private static boolean nonPerson(String name, String context) {
        String[] parts = name.split("\\s+", -1);
        for (String p : parts) {
            if (NOT_PERSON.contains(p.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        if (parts.length == 1) {
            String p = parts[0];
            if ((p.length() >= 5 && p.matches(".*(ian|ean|ese|ish|i)$")) || p.equals(p.toUpperCase(Locale.ROOT))) {
                return true;
            }
            Matcher used = Pattern.compile("(?i)\\bthe\\s+" + Pattern.quote(p) + "\\b").matcher(context);
            Matcher group = Pattern.compile("\\b" + Pattern.quote(p) + "\\s+(\\p{Ll}+)").matcher(context);
            if (used.find()) {
                return true;
            }
            while (group.find()) {
                if (GROUPS.contains(group.group(1)) || TITLES.contains(group.group(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the name follows in/to/at/into/from. */
    private static boolean isPlace(String text, Span s) {
        String before = text.substring(0, s.start()).strip();
        String last = lastWord(before);
        return PLACE_PREPOSITIONS.contains(last);
    }

    private static String withoutTitles(String name) {
        List<String> parts = new ArrayList<>(List.of(name.split("\\s+", -1)));
        while (parts.size() > 1 && TITLES.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
            parts.remove(0);
        }
        return String.join(" ", parts);
    }

    /** The previous turn's main name: longest in its searched question, else most repeated in its answer. */
    static String mainName(Turn turn) {
        String best = null;
        int bestWords = 0;
        for (String n : names(turn.searchQuery())) {
            int words = n.split("\\s+", -1).length;
            if (words > bestWords) {
                best = n;
                bestWords = words;
            }
        }
        if (best != null) {
            return best;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String n : names(turn.answer())) {
            counts.merge(n, 1, Integer::sum);
        }
        // max keeps the first of equals: the earliest name among the most repeated.
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    static List<String> names(String text) {
        return spans(text).stream().map(Span::name).toList();
    }

    /** A name and where it stands in its text (without a possessive "'s"). */
    record Span(String name, int start, int end) {
    }

    static List<Span> spans(String text) {
        List<Span> out = new ArrayList<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            List<Tok> words = words(m.group());
            // Drop words at either end that are capitalised only because they start a sentence, or are not names.
            int a = 0;
            int b = words.size();
            while (a < b && NOT_NAMES.contains(words.get(a).lower())) {
                a++;
            }
            while (b > a && NOT_NAMES.contains(words.get(b - 1).lower())) {
                b--;
            }
            if (a >= b) {
                continue;
            }
            int start = m.start() + words.get(a).start();
            int end = m.start() + words.get(b - 1).end();
            String name = text.substring(start, end);
            // "Ismail Haniyeh's role": the name is Ismail Haniyeh; the possessive belongs to the sentence.
            Matcher possessive = Pattern.compile("['\u2019]s$").matcher(name);
            if (possessive.find()) {
                end -= name.length() - possessive.start();
                name = name.substring(0, possessive.start());
            }
            name = name.replaceAll("[.'\u2019-]+$", "");
            if (!name.isEmpty()) {
                out.add(new Span(name, start, start + name.length()));
            }
        }
        return out;
    }

    /** A word and where it stands. */
    private record Tok(String text, int start, int end) {
        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    private static List<Tok> words(String text) {
        List<Tok> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(new Tok(m.group(), m.start(), m.end()));
        }
        return out;
    }

    /** The sentence of {@code text} that holds the character at {@code offset}. */
    private static String sentenceAround(String text, int offset) {
        Matcher end = SENTENCE_END.matcher(text);
        int from = 0;
        while (end.find()) {
            if (end.start() >= offset) {
                return text.substring(from, end.start());
            }
            from = end.end();
        }
        return text.substring(from);
    }

    private static String lastWord(String text) {
        List<Tok> w = words(text);
        return w.isEmpty() ? "" : w.get(w.size() - 1).lower();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
