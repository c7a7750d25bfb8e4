package dev.footnote.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Recognises an acronym spelled out in text: "EU" in "European Union", "UNRWA" is left to exact match. */
final class Acronyms {

    private static final Set<String> LINKING = Set.of("of", "the", "and", "for", "&");

    private Acronyms() {
    }

    /** Whether {@code text} holds capitalised words whose initials spell {@code acronym} (2 to 6 letters). */
    static boolean spelledOut(String acronym, String text) {
        if (acronym.length() < 2 || acronym.length() > 6 || !acronym.chars().allMatch(Character::isLetter)) {
            return false;
        }
        String target = acronym.toUpperCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String w : text.split("[^\\p{L}&]+", -1)) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        for (int start = 0; start < words.size(); start++) {
            int matched = 0;
            for (int i = start; i < words.size() && matched < target.length(); i++) {
                String w = words.get(i);
                if (i > start && LINKING.contains(w.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (!Character.isUpperCase(w.charAt(0)) || w.charAt(0) != target.charAt(matched)) {
                    break;
                }
                matched++;
            }
            if (matched == target.length()) {
                return true;
            }
        }
        return false;
    }
}
