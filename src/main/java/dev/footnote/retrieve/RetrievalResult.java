package dev.footnote.retrieve;

import java.util.List;

/**
 * What retrieval found for one question, and all that answering needs of the index: the hits (passages with
 * their scores and, when vectors were searched, the question's similarity to each sentence), how informative
 * each of the question's terms is over the collection, the question's vector (null when words alone were
 * searched), and the similarity of other wordings of the question to the hits' sentences.
 *
 * @param hits       the passages found, best first
 * @param weights    the question's analysed terms with their BM25 idf, and those no passage has
 * @param vector     the question's embedding, or null without vectors
 * @param similarity a wording of the question against the hits' sentences and headings
 */
// The vector is only read; copying it for every answer would be waste.
@SuppressWarnings("ArrayRecordComponent")
public record RetrievalResult(List<SearchHit> hits, TermWeights weights, float[] vector, Similarity similarity) {

    public RetrievalResult {
        hits = List.copyOf(hits);
    }

    /** Found by words alone: no vector, and no similarity for other wordings. */
    public static RetrievalResult of(List<SearchHit> hits, TermWeights weights) {
        return new RetrievalResult(hits, weights, null, Similarity.NONE);
    }

    /**
     * The first {@code k} hits, for the answerer, with the same weights and vector. The similarity still covers
     * the deeper hits too, which gives the same figures for the sentences of the first {@code k}.
     */
    public RetrievalResult top(int k) {
        return k >= hits.size()
                ? this
                : new RetrievalResult(hits.subList(0, Math.max(0, k)), weights, vector, similarity);
    }
}
