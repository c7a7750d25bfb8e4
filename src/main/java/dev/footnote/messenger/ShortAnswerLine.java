package dev.footnote.messenger;

import dev.footnote.answer.Answer;
import dev.footnote.answer.AnswerSentence;
import java.util.List;

/**
 * The line a chat reply leads with when the answer has a short answer: the words that answer ("Abbas Kamel") and
 * the marker of the sentence they come from ("[1]"), so a reader gets the answer before the quoted sentences.
 *
 * @param text   the short answer, as plain text
 * @param marker the marker of the first cited sentence, "[1]", or empty when it has none
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
        // The sentence it was taken from: usually the first that cites, a later one when the first names someone
        // in the other role ("Who did the delegation meet?").
        String text = answer.shortAnswer().strip();
        List<AnswerSentence> citing = answer.sentences().stream().filter(s -> !s.citations().isEmpty()).toList();
        String marker = citing.stream().filter(s -> s.text().contains(text)).findFirst()
                .or(() -> citing.stream().findFirst())
                .map(AnswerSentence::citations).map(ids -> "[" + ids.get(0) + "]").orElse("");
        return new ShortAnswerLine(text, marker);
    }

    /** As plain text: "Abbas Kamel [1]". */
    public String plain() {
        return marker.isEmpty() ? text : text + " " + marker;
    }
}
