package dev.footnote.answer;

import dev.footnote.retrieve.SearchHit;
import java.util.List;

/** A line range of one article (1-based, inclusive). */
public record Place(String file, int startLine, int endLine) {

    /** The two best retrieved passages: what a refusal offers as closest to the question. */
    public static List<Place> closest(List<SearchHit> hits) {
        return hits.stream().limit(2)
                .map(h -> new Place(h.passage().file(), h.passage().startLine(), h.passage().endLine()))
                .toList();
    }
}
