package dev.footnote.eval;

import java.util.List;

/**
 * One conversation of a follow-up set (a line of {@code eval/conversations*.jsonl}): its turns in order, each asked
 * in the same conversation as the ones before it.
 */
public record ConversationCase(String id, List<Turn> turns) {

    public ConversationCase {
        turns = turns == null ? List.of() : List.copyOf(turns);
    }

    /**
     * A turn and what it should give.
     *
     * @param expect terms the searched query must contain (what the follow-up stands for)
     * @param forbid terms it must not contain (context a topic switch must not carry)
     * @param gold   the lines that answer it; an unanswerable turn should be refused
     */
    public record Turn(String question, List<String> expect, List<String> forbid, Boolean answerable,
            List<String> answers, List<Gold> gold) {

        public Turn {
            expect = expect == null ? List.of() : List.copyOf(expect);
            forbid = forbid == null ? List.of() : List.copyOf(forbid);
            answers = answers == null ? List.of() : List.copyOf(answers);
            gold = gold == null ? List.of() : List.copyOf(gold);
            answerable = answerable == null || answerable;
        }
    }
}
