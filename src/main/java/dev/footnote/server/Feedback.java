package dev.footnote.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.ask.Limits;

/**
 * A reader's verdict on one answer, as {@code POST /api/feedback} takes it and the feedback file keeps it: the
 * question, the answer's text, {@code up} or {@code down}, the conversation, and when it was given.
 */
public record Feedback(String at, String question, String answer, String verdict, String conversationId) {

    /** The longest answer text recorded; a longer one is refused rather than cut, so no record is silently partial. */
    public static final int MAX_ANSWER_CHARS = 20_000;

    /** Parses and checks a request body; every problem is a 400 that says what to fix. */
    public static Feedback parse(String body, Limits limits, String at) {
        JsonNode node = JsonBody.object(body, "\"question\", \"answer\" and \"verdict\"");
        String question = text(node, "question", limits.maxQuestionChars(), true);
        String answer = text(node, "answer", MAX_ANSWER_CHARS, true);
        String verdict = text(node, "verdict", 10, true);
        if (!verdict.equals("up") && !verdict.equals("down")) {
            throw ApiException.invalid("verdict must be \"up\" or \"down\"");
        }
        String conversationId = text(node, "conversation_id", 100, false);
        return new Feedback(at, question, answer, verdict, conversationId);
    }

    private static String text(JsonNode node, String name, int max, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.invalid(name + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(name + " must be a string");
        }
        String s = v.asText().strip();
        if (required && s.isEmpty()) {
            throw ApiException.invalid(name + " must not be empty");
        }
        if (s.length() > max) {
            throw ApiException.invalid(name + " must be at most " + max + " characters (it has " + s.length() + ")");
        }
        return s;
    }
}
