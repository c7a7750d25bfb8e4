package dev.footnote.answer;

import dev.footnote.corpus.Sentence;
import java.util.Set;

/**
 * A sentence of the retrieved passages that might answer the question, with what the answerer measured of it.
 * The {@link Gate}s judge it on these figures alone.
 *
 * @param sentence        the sentence and the lines it stands on
 * @param file            its article
 * @param context         its passage's text and heading, where the question's names are looked for
 * @param contextTerms    the analysed terms of {@code context}
 * @param terms           its analysed terms
 * @param coverage        the share of the question's weight (rare words count more) its own words cover
 * @param contextCoverage the share its passage and heading cover
 * @param nameCoverage    the share of the weight of the question's names its passage mentions (1 with none)
 * @param similarity      the question's cosine similarity to it, NaN when vectors were not searched
 * @param score           what ranks it among the candidates
 * @param support         its coverage and its context's, mixed: how much of the question it backs
 * @param rank            its passage's place in the retrieved list, 0 for the first
 * @param retrieval       its passage's retrieval score (0..1, relative to the best hit)
 * @param first           whether it opens its passage
 */
public record Candidate(Sentence sentence, String file, String context, Set<String> contextTerms, Set<String> terms,
        double coverage,
        double contextCoverage, double nameCoverage, double similarity, double score, double support, int rank,
        double retrieval, boolean first) {

    public Candidate {
        terms = Set.copyOf(terms);
        contextTerms = Set.copyOf(contextTerms); // the passage's own copy, shared by its sentences
    }

    public boolean hasSimilarity() {
        return !Double.isNaN(similarity);
    }

    Place place() {
        return new Place(file, sentence.startLine(), sentence.endLine());
    }
}
