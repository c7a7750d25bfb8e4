package dev.footnote.index;

import dev.footnote.corpus.Passage;
import java.util.List;

/**
 * A retrieved passage with its score (0..1, relative to the best hit of the query), and the passages from
 * other places that say nearly the same thing and were folded into it.
 */
public record SearchHit(Passage passage, double score, List<Passage> folded) {

    public SearchHit {
        folded = List.copyOf(folded);
    }
}
