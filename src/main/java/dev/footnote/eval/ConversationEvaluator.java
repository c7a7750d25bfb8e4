package dev.footnote.eval;

import dev.footnote.answer.Answer;
import dev.footnote.answer.Citation;
import dev.footnote.ask.AskService;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs follow-up sets: each conversation's turns are asked in order in one conversation of its own, as the page
 * asks them, and each turn's searched query and answer are judged.
 */
public final class ConversationEvaluator {

    private final AskService service;
    private final int topK;
    private final Consumer<String> misses;

    public ConversationEvaluator(AskService service, int topK, Consumer<String> misses) {
        this.service = service;
        this.topK = topK;
        this.misses = misses;
    }

    public ConversationReport run(List<ConversationCase> cases) throws IOException {
        int followUps = 0, rewritten = 0, right = 0, withAnswers = 0, matched = 0, firsts = 0, firstsRight = 0;
        for (ConversationCase c : cases) {
            String id = "eval-" + c.id() + "-" + UUID.randomUUID();
            for (int i = 0; i < c.turns().size(); i++) {
                ConversationCase.Turn t = c.turns().get(i);
                Answer answer = service.ask(t.question(), topK, topK, id).answer();
                boolean answerRight = answerRight(t, answer);
                if (i == 0) {
                    firsts++;
                    firstsRight += answerRight ? 1 : 0;
                    if (!answerRight) {
                        miss(c, i, "first turn " + (t.answerable() ? "not cited at gold" : "answered"), answer);
                    }
                    continue;
                }
                followUps++;
                boolean query = queryRight(t, answer.searchQuery());
                rewritten += query ? 1 : 0;
                right += answerRight ? 1 : 0;
                if (!query) {
                    miss(c, i, "searched query lacks " + t.expect() + " or holds " + t.forbid(), answer);
                }
                if (!answerRight) {
                    miss(c, i, t.answerable() ? "not cited at gold" : "answered an unanswerable follow-up", answer);
                }
                if (t.answerable() && !t.answers().isEmpty()) {
                    withAnswers++;
                    matched += answer.answered() && Evaluator.matches(answer.answer(), t.answers()) ? 1 : 0;
                }
            }
        }
        return new ConversationReport(cases.size(), followUps, rate(rewritten, followUps), rate(right, followUps),
                rate(matched, withAnswers), rate(firstsRight, firsts));
    }

    /** Every expected term is in the query and no forbidden one, as words (case and punctuation ignored). */
    static boolean queryRight(ConversationCase.Turn t, String query) {
        String q = " " + Evaluator.normalize(query) + " ";
        return t.expect().stream().allMatch(e -> q.contains(" " + Evaluator.normalize(e) + " "))
                && t.forbid().stream().noneMatch(f -> q.contains(" " + Evaluator.normalize(f) + " "));
    }

    /** Answerable: answered, with the first citation on a gold line. Unanswerable: refused. */
    static boolean answerRight(ConversationCase.Turn t, Answer answer) {
        if (!t.answerable()) {
            return !answer.answered();
        }
        if (!answer.answered() || answer.citations().isEmpty()) {
            return false;
        }
        Citation first = answer.citations().get(0);
        return t.gold().stream().anyMatch(g -> g.hitBy(first.file(), first.startLine(), first.endLine()));
    }

    private void miss(ConversationCase c, int turn, String what, Answer answer) {
        String first = answer.citations().isEmpty()
                ? "no citation"
                : answer.citations().get(0).file() + ":" + answer.citations().get(0).startLine();
        String text = answer.answer().length() > 120 ? answer.answer().substring(0, 120) + "…" : answer.answer();
        misses.accept(String.format("miss %s turn %d: %s | %s | searched: %s | got %s | %s", c.id(), turn + 1, what,
                c.turns().get(turn).question(), answer.searchQuery(), first, text));
    }

    private static Double rate(int n, int of) {
        return of == 0 ? null : Math.round(10000.0 * n / of) / 10000.0;
    }
}
