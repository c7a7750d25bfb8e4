package dev.footnote.eval;

import java.util.List;

/**
 * One line of a questions.jsonl file (format: ../shared/bench/README.md).
 *
 * @param perturbation for a generated unanswerable question, how it was made from an answerable one
 *                     ({@link Negatives}); null otherwise
 * @param without      files the question is asked without (the rest of the collection is searched); empty for all
 */
public record Question(String id, String question, List<String> answers, Boolean answerable, List<Gold> gold,
        String perturbation, List<String> without) {

    public Question {
        answers = answers == null ? List.of() : List.copyOf(answers);
        gold = gold == null ? List.of() : List.copyOf(gold);
        answerable = answerable == null || answerable;
        without = without == null ? List.of() : List.copyOf(without);
    }

    public Question(String id, String question, List<String> answers, Boolean answerable, List<Gold> gold) {
        this(id, question, answers, answerable, gold, null, List.of());
    }
}
