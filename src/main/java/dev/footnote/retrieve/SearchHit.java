package dev.footnote.retrieve;

import dev.footnote.corpus.Passage;
import dev.footnote.index.Unit;
import java.util.List;
import java.util.Map;

/**
 * A retrieved passage with its score (0..1, relative to the best hit of the query), the passages from other
 * places that say nearly the same thing and were folded into it, and, when vectors were searched, the cosine
 * similarity of the question to each of its sentences and its heading, keyed by {@link Unit#hash(String)}.
 */
public record SearchHit(Passage passage, double score, List<Passage> folded, Map<String, Double> similarity) {

    public SearchHit {
        folded = List.copyOf(folded);
        similarity = Map.copyOf(similarity);
    }

    public SearchHit(Passage passage, double score, List<Passage> folded) {
        this(passage, score, folded, Map.of());
    }

    /**
     * A hit whose question's similarity to each sentence or heading is given by its text: what a retriever
     * would have found, made without an index.
     */
    public static SearchHit withSimilarities(Passage passage, double score, Map<String, Double> byText) {
        Map<String, Double> byHash = new java.util.HashMap<>();
        byText.forEach((text, similarity) -> byHash.put(Unit.hash(text), similarity));
        return new SearchHit(passage, score, List.of(), byHash);
    }

    /** The question's similarity to this text of the passage, if vectors were searched. */
    public Double similarityTo(String text) {
        return similarity.get(Unit.hash(text));
    }
}
