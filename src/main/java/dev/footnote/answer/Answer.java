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
 */
public record Answer(String answer, boolean answered, List<Citation> citations, List<AnswerSentence> sentences,
        int droppedCitations, String conversationId, String searchQuery, String model,
        Fallback fallback, Timings timingsMs) {

    public Answer {
        citations = List.copyOf(citations);
        sentences = List.copyOf(sentences);
    }
}
