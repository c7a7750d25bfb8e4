package dev.footnote.eval;

import java.util.List;

/** One line of a questions.jsonl file (format: ../shared/bench/README.md). */
public record Question(String id, String question, List<String> answers, Boolean answerable, List<Gold> gold) {

    public Question {
        answers = answers == null ? List.of() : List.copyOf(answers);
        gold = gold == null ? List.of() : List.copyOf(gold);
        answerable = answerable == null || answerable;
    }
}
