package dev.footnote.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a follow-up standalone without a language model: a pronoun that points back ("When did he return?")
 * becomes the main name of the previous turn ("When did Ismail Haniyeh return?"). The main name is the longest
 * name in the previous turn's searched question, or failing that the name its answer repeats most.
 */
public final class FollowUpRule {

    private static final Pattern PRONOUN = Pattern.compile(
            "\\b(he|she|they|it|him|them|his|hers|its|their|theirs|her)\\b(\\s+(\\p{L}+))?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A run of capitalised words, allowing the small words inside names ("Bank of England", "Abu al-Qasim"). */
    private static final Pattern NAME = Pattern.compile(
            "\\b\\p{Lu}[\\p{L}\\p{N}'\u2019.-]*(?:\\s+(?:(?:of|the|bin|al|de|du|van|von|da)\\s+)?\\p{Lu}[\\p{L}\\p{N}'\u2019.-]*)*");
    /** Capitalised only because a sentence starts with them, or not names at all. */
    private static final Set<String> NOT_NAMES = Set.of("who", "what", "when", "where", "why", "how", "which", "whom",
            "whose", "did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "can", "could", "will",
            "would", "should", "the", "a", "an", "in", "on", "at", "for", "and", "but", "or", "of", "to", "after",
            "before", "according", "tell", "please", "list", "name", "give", "he", "she", "they", "it", "his", "her",
            "their", "its", "this", "that", "these", "those", "there", "i", "we", "you", "yes", "no", "also", "then");
    /** After "her", these words mean it was the object ("met her in Cairo"), not the possessive ("her party"). */
    private static final Set<String> AFTER_OBJECT = Set.of("in", "on", "at", "to", "for", "with", "from", "about",
            "after", "before", "and", "or", "when", "where", "during", "since", "by", "as", "if", "again", "last",
            "first");

    /** The follow-up made standalone, or unchanged when it has no pronoun or there is nothing to point back to. */
    public String rewrite(String question, List<Turn> history) {
        if (history.isEmpty()) {
            return question;
        }
        Matcher m = PRONOUN.matcher(question);
        if (!m.find()) {
            return question;
        }
        String name = mainName(history.get(history.size() - 1));
        if (name == null) {
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
            String replacement = possessive ? name + "'s" : name;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement + (m.group(2) == null ? "" : m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The previous turn's main name: longest in its searched question, else most repeated in its answer. */
    static String mainName(Turn turn) {
        String best = null;
        int bestWords = 0;
        for (String n : names(turn.searchQuery())) {
            int words = n.split("\\s+").length;
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
        List<String> names = new ArrayList<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            List<String> words = new ArrayList<>(List.of(m.group().split("\\s+")));
            // Drop leading words that are capitalised only because they start a sentence.
            while (!words.isEmpty() && NOT_NAMES.contains(strip(words.get(0)).toLowerCase(Locale.ROOT))) {
                words.remove(0);
            }
            while (!words.isEmpty()
                    && NOT_NAMES.contains(strip(words.get(words.size() - 1)).toLowerCase(Locale.ROOT))) {
                words.remove(words.size() - 1);
            }
            // "Ismail Haniyeh's role": the name is Ismail Haniyeh; the possessive belongs to the sentence.
            String name = strip(String.join(" ", words)).replaceAll("['\u2019]s$", "");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static String strip(String s) {
        return s.replaceAll("^[\\p{Punct}\u2019]+|[\\p{Punct}\u2019]+$", "");
    }
}
