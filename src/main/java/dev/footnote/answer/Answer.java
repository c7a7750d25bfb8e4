package dev.footnote.answer;

import java.util.List;

/**
 * The answer object every channel delivers. Markers {@code [n]} in {@code answer} refer to
 * {@code citations[].id}; every marker has its citation and every citation its marker.
 *
 * @param sentences        each sentence of the text with the citations that back it; unsupported ones are marked
 * @param droppedCitations proposed citations (a model's markers, the extractive answerer's places) that failed the
 *                         check and were left out
 * @param searchQuery      what was searched: the question, or a follow-up rewritten to stand alone
 * @param fallback         set when the language model failed and this is the extractive answer instead
 * @param conversationStatus {@code new} (no conversation id was sent), {@code continued}, or {@code expired} (the id
 *                         sent is no longer known, so the question was read on its own); null where nothing is kept
 * @param refusal          when not answered, which rule refused and why; null when answered
 * @param shortAnswer      the words of the first cited sentence that answer a who, where, when, how-many or how-long
 *                         question ({@link ShortAnswer}); null for other questions, refusals and a model's answers
 * @param confidence       the extractive answerer's probability that its first sentence answers the question
 *                         ({@link AnswerScore}); null for a model's answers and refusals made before any scoring
 * @param shortAnswerCitation the id of the citation that backs {@code shortAnswer}: the first of the sentence it
 *                         comes from; null when there is no short answer
 */
public record Answer(String answer, boolean answered, List<Citation> citations, List<AnswerSentence> sentences,
        int droppedCitations, String conversationId, String searchQuery, String model,
        Fallback fallback, Timings timingsMs, String conversationStatus, Refusal refusal, String shortAnswer,
        Double confidence, Integer shortAnswerCitation) {

    /** An answer without a short answer. */
    public Answer(String answer, boolean answered, List<Citation> citations, List<AnswerSentence> sentences,
            int droppedCitations, String conversationId, String searchQuery, String model, Fallback fallback,
            Timings timingsMs, String conversationStatus, Refusal refusal) {
        this(answer, answered, citations, sentences, droppedCitations, conversationId, searchQuery, model, fallback,
                timingsMs, conversationStatus, refusal, null, null, null);
    }

    /** An answer that gives no reason for a refusal. */
    public Answer(String answer, boolean answered, List<Citation> citations, List<AnswerSentence> sentences,
            int droppedCitations, String conversationId, String searchQuery, String model, Fallback fallback,
            Timings timingsMs, String conversationStatus) {
        this(answer, answered, citations, sentences, droppedCitations, conversationId, searchQuery, model, fallback,
                timingsMs, conversationStatus, null, null, null, null);
    }

    /** An answer outside any kept conversation. */
    public Answer(String answer, boolean answered, List<Citation> citations, List<AnswerSentence> sentences,
            int droppedCitations, String conversationId, String searchQuery, String model, Fallback fallback,
            Timings timingsMs) {
        this(answer, answered, citations, sentences, droppedCitations, conversationId, searchQuery, model, fallback,
                timingsMs, null, null, null, null, null);
    }

    public Answer {
        citations = List.copyOf(citations);
        sentences = List.copyOf(sentences);
    }
}
