package dev.footnote.conversation;

import dev.footnote.model.LanguageModel;
import dev.footnote.model.Prompts;
import java.util.List;

/**
 * Turns a follow-up into the standalone question that is searched: by the language model when one is
 * configured (prompts/rewrite.txt), by {@link FollowUpRule} otherwise. A first question is searched as asked.
 */
public final class QuestionRewriter {

    /** How much of an earlier answer goes into the rewrite prompt; the question it answered matters more. */
    private static final int HISTORY_ANSWER_CHARS = 600;

    private final LanguageModel model;
    private final Prompts prompts;
    private final FollowUpRule rule = new FollowUpRule();
    private final int maxQuestion;

    /**
     * @param model       {@code null} to rewrite by rule only
     * @param maxQuestion the longest rewrite taken; a longer one leaves the question as asked
     */
    public QuestionRewriter(LanguageModel model, Prompts prompts, int maxQuestion) {
        this.model = model;
        this.prompts = prompts;
        this.maxQuestion = maxQuestion;
    }

    /**
     * The question made to stand on its own given the earlier turns: by the model when there is one, else by rule;
     * unchanged without history.
     *
     * @throws dev.footnote.model.ModelException when the model is configured and fails
     */
    public String rewrite(String question, List<Turn> history) {
        if (history.isEmpty()) {
            return question;
        }
        if (model == null) {
            return rule.rewrite(question, history);
        }
        return cleanReply(model.complete(prompts.rewrite(question, history(history))), question, maxQuestion);
    }

    /** The earlier turns, oldest first, as {@code User: …} / {@code Assistant: …} lines for prompts/rewrite.txt. */
    public static String history(List<Turn> history) {
        StringBuilder h = new StringBuilder();
        for (Turn t : history) {
            String a = t.answer();
            if (a.length() > HISTORY_ANSWER_CHARS) {
                a = a.substring(0, HISTORY_ANSWER_CHARS) + "…";
            }
            h.append("User: ").append(t.question()).append('\n').append("Assistant: ").append(a).append('\n');
        }
        return h.toString().strip();
    }

    public String byRule(String question, List<Turn> history) {
        return rule.rewrite(question, history);
    }

    /** The reply's first non-empty line without quotes or a label; the question itself if that is unusable. */
    static String cleanReply(String reply, String question, int maxQuestion) {
        for (String line : reply.split("\\R", -1)) {
            String q = line.strip()
                    .replaceFirst("(?i)^(standalone question|question|rewritten question)\\s*:\\s*", "")
                    .replaceAll("^[\"'\u201c\u2018`]+|[\"'\u201d\u2019`]+$", "")
                    .strip();
            if (!q.isEmpty()) {
                return q.length() > maxQuestion ? question : q;
            }
        }
        return question;
    }
}
