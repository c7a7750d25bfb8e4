package dev.footnote.answer;

import java.util.List;

/**
 * One sentence of an answer as checked: its text without markers, the ids of the citations that passed the
 * check, and whether any did. A model's sentence that cites nothing valid is kept, marked unsupported.
 */
public record AnswerSentence(String text, List<Integer> citations, boolean supported) {

    public AnswerSentence {
        citations = List.copyOf(citations);
    }
}
