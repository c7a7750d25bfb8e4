package dev.footnote.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one evaluation run. Rates are fractions in 0..1; a rate with nothing to count is null.
 * {@code falseRefusals} is the share of answerable questions that were refused. {@code citationsOnGold} is, over
 * every citation of the answered answerable questions (not only the first), the share on a gold place: an answer
 * padded with sentences that do not answer gets less. The JSON names are spelled
 * out because snake_case would turn {@code recallAt1} into {@code recall_at1}. {@code refusalsByGate} counts the
 * refused questions by the gate that refused them ({@code names_missing}, {@code support_too_low}, …), most first.
 *
 * <p>{@code shortAnswers} counts the answerable questions answered with a {@code short_answer}; its SQuAD exact
 * match and F1 ({@link SquadScore}) are averaged over those. {@code refusalsByPerturbation} is, for each kind of
 * generated unanswerable question ({@link Negatives}), the share of them refused. Each is left out of the JSON
 * when the run had nothing to count for it.
 */
@JsonPropertyOrder({"questions", "recall_at_1", "recall_at_5", "recall_at_10", "mrr_at_10", "ndcg_at_10",
        "citation_accuracy", "answer_match", "citations_on_gold", "refusal_accuracy", "false_refusals",
        "latency_ms_p50", "latency_ms_p95",
        "refusals_by_gate", "short_answers", "short_answer_exact_match", "short_answer_f1",
        "refusals_by_perturbation"})
public record EvalReport(int questions,
        @JsonProperty("recall_at_1") Double recallAt1,
        @JsonProperty("recall_at_5") Double recallAt5,
        @JsonProperty("recall_at_10") Double recallAt10,
        @JsonProperty("mrr_at_10") Double mrrAt10,
        @JsonProperty("ndcg_at_10") Double ndcgAt10,
        Double citationAccuracy, Double answerMatch,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double citationsOnGold,
        Double refusalAccuracy, Double falseRefusals,
        @JsonProperty("latency_ms_p50") double latencyMsP50,
        @JsonProperty("latency_ms_p95") double latencyMsP95,
        Map<String, GateRefusals> refusalsByGate,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int shortAnswers,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double shortAnswerExactMatch,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double shortAnswerF1,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> refusalsByPerturbation) {

    public EvalReport {
        refusalsByGate = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(refusalsByGate));
        refusalsByPerturbation = refusalsByPerturbation == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(refusalsByPerturbation));
    }

    /** A report that counts no refusals by gate, gave no short answers and had no generated questions. */
    public EvalReport(int questions, Double recallAt1, Double recallAt5, Double recallAt10, Double mrrAt10,
            Double ndcgAt10, Double citationAccuracy, Double answerMatch, Double refusalAccuracy, Double falseRefusals,
            double latencyMsP50, double latencyMsP95) {
        this(questions, recallAt1, recallAt5, recallAt10, mrrAt10, ndcgAt10, citationAccuracy, answerMatch, null,
                refusalAccuracy, falseRefusals, latencyMsP50, latencyMsP95, Map.of(), 0, null, null, Map.of());
    }
}
