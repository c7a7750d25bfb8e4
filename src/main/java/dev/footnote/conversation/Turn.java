package dev.footnote.conversation;

/** One question and answer of a conversation, and the standalone query that was searched for it. */
public record Turn(String question, String searchQuery, String answer) {

    /** Characters held, for bounding what conversations keep in memory. */
    public int size() {
        return question.length() + searchQuery.length() + answer.length();
    }
}
