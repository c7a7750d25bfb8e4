package dev.footnote.answer;

import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the answerability score weighs of one candidate sentence, each in [0, 1], named in {@link #NAMES}: the
 * figures the answerer already measures (coverage of the question by the sentence and its passage, the names it
 * mentions, its similarity in meaning, its passage's retrieval score and rank, and the hand-set ranking score
 * those made before the score was learned, relative to the best), how it compares with the best of
 * the other candidates, and what the question asks (a short answer the sentence holds, words the collection
 * never uses). {@code footnote train-answerer} learns their weights ({@link AnswerScore}).
 */
public final class AnswerFeatures {

    /** The features, in the order {@link #of} gives them and {@link AnswerScore} weighs them. */
    public static final List<String> NAMES = List.of("coverage", "context_coverage", "name_coverage",
            "sentence_names", "similarity", "no_similarity", "retrieval", "rank", "coverage_gap", "similarity_gap",
            "word_pairs", "first_sentence", "length", "short_answer", "asks_short_answer", "names_something_new",
            "absent_share", "close_in_meaning", "paraphrase", "question_length", "context_gap", "context_pairs",
            "best_in_passage", "first_passage", "numbers_missing", "rule_score");

    private final Asked asked;
    private final List<String> questionTerms;
    private final ShortAnswer.Kind shortKind;
    private final double bestCoverage;
    private final double bestContext;
    private final double bestScore;
    /** Per passage (keyed by its text and heading): the best coverage of any of its candidates, and its word pairs. */
    private final Map<String, Double> passageBest = new HashMap<>();
    private final Map<String, Double> passagePairs = new HashMap<>();
    private final double bestSimilarity;
    private final double floor;
    private final double ceiling;

    /**
     * @param candidates every candidate that passed the hard gates, against whose best each is compared
     * @param floor      the cosine taken as unrelated (0)
     * @param ceiling    the cosine taken as the same statement (1)
     */
    AnswerFeatures(Asked asked, List<Candidate> candidates, double floor, double ceiling) {
        this.asked = asked;
        this.questionTerms = TextAnalysis.terms(asked.text());
        this.shortKind = ShortAnswer.kind(asked.text());
        this.floor = floor;
        this.ceiling = ceiling;
        this.bestCoverage = candidates.stream().mapToDouble(Candidate::coverage).max().orElse(0);
        this.bestContext = candidates.stream().mapToDouble(Candidate::contextCoverage).max().orElse(0);
        this.bestScore = candidates.stream().mapToDouble(Candidate::score).max().orElse(0);
        for (Candidate c : candidates) {
            passageBest.merge(c.context(), c.coverage(), Math::max);
        }
        this.bestSimilarity = candidates.stream().filter(Candidate::hasSimilarity)
                .mapToDouble(c -> scaled(c.similarity())).max().orElse(0);
    }

    /** The candidate's features, in the order of {@link #NAMES}. */
    double[] of(Candidate c) throws IOException {
        boolean vectors = c.hasSimilarity();
        double similarity = vectors ? scaled(c.similarity()) : 0;
        List<String> sentenceTerms = TextAnalysis.terms(c.sentence().text());
        return new double[]{
                c.coverage(),
                c.contextCoverage(),
                c.nameCoverage(),
                sentenceNames(c),
                similarity,
                vectors ? 0 : 1,
                clamp(c.retrieval()),
                1.0 / (1 + c.rank()),
                1 - (bestCoverage - c.coverage()),
                vectors ? 1 - (bestSimilarity - similarity) : 0,
                wordPairs(sentenceTerms),
                c.first() ? 1 : 0,
                Math.min(1, sentenceTerms.size() / 40.0),
                shortKind != null && ShortAnswer.of(asked.text(), c.sentence().text()) != null ? 1 : 0,
                shortKind != null ? 1 : 0,
                ExtractiveAnswerer.namesSomethingNew(c.sentence().text(), asked.terms()) ? 1 : 0,
                clamp(asked.absentShare()),
                asked.closeInMeaning(c) ? 1 : 0,
                asked.paraphrasedBy(c) ? 1 : 0,
                Math.min(1, questionTerms.size() / 15.0),
                1 - (bestContext - c.contextCoverage()),
                passagePairs.computeIfAbsent(c.context(), t -> wordPairs(TextAnalysis.terms(t))),
                c.coverage() >= passageBest.get(c.context()) ? 1 : 0,
                c.rank() == 0 ? 1 : 0,
                numbersMissing(c),
                bestScore <= 0 ? 0 : clamp(c.score() / bestScore),
        };
    }

    /** The share of the question's names' weight the sentence itself mentions (1 when it names nothing). */
    private double sentenceNames(Candidate c) {
        if (asked.namesTotal() <= 0) {
            return 1;
        }
        double found = 0;
        for (String n : asked.names()) {
            if (ExtractiveAnswerer.mentions(c.terms(), n) || Acronyms.spelledOut(n, c.sentence().text())) {
                found += asked.idf().getOrDefault(n, 0.0);
            }
        }
        return clamp(found / asked.namesTotal());
    }

    /**
     * The share of the question's numbers and years its passage never states: "in 1825" added to a question, or a
     * year swapped for another, leaves the passage's other words in place.
     */
    private double numbersMissing(Candidate c) {
        if (asked.numbers().isEmpty()) {
            return 0;
        }
        return (double) asked.numbers().stream().filter(n -> !c.contextTerms().contains(n)).count()
                / asked.numbers().size();
    }

    /**
     * The share of the question's neighbouring word pairs that the sentence says in the same order, at most two
     * words apart: "Super Bowl 50" matched as a phrase weighs more than its words scattered.
     */
    private double wordPairs(List<String> sentenceTerms) {
        if (questionTerms.size() < 2) {
            return 0;
        }
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < sentenceTerms.size(); i++) {
            for (int j = i + 1; j < Math.min(sentenceTerms.size(), i + 3); j++) {
                pairs.add(sentenceTerms.get(i) + " " + sentenceTerms.get(j));
            }
        }
        int found = 0;
        for (int i = 0; i + 1 < questionTerms.size(); i++) {
            if (pairs.contains(questionTerms.get(i) + " " + questionTerms.get(i + 1))) {
                found++;
            }
        }
        return (double) found / (questionTerms.size() - 1);
    }

    private double scaled(double cosine) {
        return clamp((cosine - floor) / (ceiling - floor));
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
