package dev.footnote.ask;

import dev.footnote.answer.Answer;

import java.io.IOException;

/** Asks one question within a conversation: what the chat integrations need of {@link AskService}. */
@FunctionalInterface
public interface Asker {

    Answer ask(String question, String conversationId) throws IOException;

    static Asker of(AskService service) {
        return (question, conversationId) -> service.ask(question, service.limits().defaultTopK(), conversationId);
    }
}
