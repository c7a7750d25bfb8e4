package dev.footnote.messenger;

import dev.footnote.answer.Answer;

/**
 * The line a chat reply leads with when the answer has a short answer: the words that answer ("Abbas Kamel") and
 * the marker of the citation that backs them ("[1]"), so a reader gets the answer before the quoted sentences.
 *
 * @param text   the short answer, as plain text
 * @param marker the marker of the citation that backs it, "[1]", or empty when it has none
 */
public record ShortAnswerLine(String text, String marker) {

    /** Longer than this is no short answer, and would not fit the lead of a chat message. */
    static final int MAX_CHARS = 300;

    /** The line for {@code answer}, or null when it has no short answer. */
    public static ShortAnswerLine of(Answer answer) {
        if (!answer.answered() || answer.shortAnswer() == null || answer.shortAnswer().isBlank()
                || answer.shortAnswer().length() > MAX_CHARS) {
            return null;
        }
        // The answer says which citation backs it: usually the first sentence's, a later one's when the first names
        // someone in the other role ("Who did the delegation meet?").
        Integer id = answer.shortAnswerCitation();
        return new ShortAnswerLine(answer.shortAnswer().strip(), id == null ? "" : "[" + id + "]");
    }

    /** As plain text: "Abbas Kamel [1]". */
    public String plain() {
        return marker.isEmpty() ? text : text + " " + marker;
    }
}
