package dev.footnote.eval;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The figures of a follow-up set. Rates are fractions in 0..1, null with nothing to count. Follow-ups are the
 * turns after a conversation's first; first turns are scored apart, as the baseline the follow-ups are read against.
 *
 * @param rewriteAccuracy   follow-ups whose searched query holds every expected term and no forbidden one
 * @param answerAccuracy    follow-ups answered with a first citation on a gold line, or refused when unanswerable
 * @param answerMatch       answerable follow-ups with short answers whose answer text contains one
 * @param firstTurnAccuracy first turns answered or refused right, judged as follow-ups are
 */
@JsonPropertyOrder({"conversations", "follow_ups", "rewrite_accuracy", "answer_accuracy", "answer_match",
        "first_turn_accuracy"})
public record ConversationReport(int conversations, int followUps, Double rewriteAccuracy, Double answerAccuracy,
        Double answerMatch, Double firstTurnAccuracy) {
}
