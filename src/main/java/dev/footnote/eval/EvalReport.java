package dev.footnote.eval;

/**
 * The figures of one evaluation run. Rates are fractions in 0..1; a rate with nothing to count is null.
 * {@code falseRefusals} is the share of answerable questions that were refused.
 */
public record EvalReport(int questions, Double recallAt1, Double recallAt5, Double recallAt10, Double mrrAt10,
                         Double ndcgAt10, Double citationAccuracy, Double answerMatch, Double refusalAccuracy,
                         Double falseRefusals, double latencyMsP50, double latencyMsP95) {
}
