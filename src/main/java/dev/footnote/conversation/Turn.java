package dev.footnote.conversation;

import java.util.regex.Pattern;

/**
 * One question and answer of a conversation, and the standalone query that was searched for it. The answer is
 * kept without its citation markers: the turn is remembered for its words, and the numbers mean nothing later.
 */
public record Turn(String question, String searchQuery, String answer) {

    private static final Pattern MARKER = Pattern.compile("\\s*\\[\\d+]");

    public Turn {
        answer = MARKER.matcher(answer).replaceAll("").strip();
    }

    /** Characters held, for bounding what conversations keep in memory. */
    public int size() {
        return question.length() + searchQuery.length() + answer.length();
    }
}
