package dev.footnote.answer;

import dev.footnote.retrieve.SearchHit;
import dev.footnote.text.TextAnalysis;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** A line range of one article (1-based, inclusive). */
public record Place(String file, int startLine, int endLine) {

    /**
     * What a refusal offers as closest to the question: of the two best retrieved passages, those whose text or
     * heading shares an analysed word with it. Retrieval scores are relative to the best hit, so the top passage
     * scores 1 however unrelated it is; on the project's unanswerable questions the passages worth offering share
     * words (covering 0.14 of the question's weight or more) and the ones that mislead share none.
     */
    public static List<Place> closest(List<SearchHit> hits, String question) {
        Set<String> asked = TextAnalysis.termSet(question);
        return hits.stream().limit(2)
                .filter(h -> !Collections.disjoint(asked,
                        TextAnalysis.termSet(h.passage().text() + " " + h.passage().heading())))
                .map(h -> new Place(h.passage().file(), h.passage().startLine(), h.passage().endLine()))
                .toList();
    }
}
