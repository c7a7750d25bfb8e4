package dev.footnote.model;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One configured chat model, plain and streaming, behind two calls that always end: with the text, with a
 * {@link ModelException} that says what went wrong, or with the caller's own {@link IOException} (its reader left).
 */
public final class LanguageModel {

    /** Receives a streamed reply piece by piece, on the thread that called {@link #stream}. */
    public interface Pieces {
        void piece(String text) throws IOException;

        /**
         * Called every {@link #QUIET_CHECK} while the model sends nothing, so that a reader that has left can say
         * so (its {@link IOException}) and the call is hung up on, silent model or not.
         */
        default void quiet() throws IOException {
        }
    }

    /** How often {@link Pieces#quiet} is called while the model is silent. */
    public static final Duration QUIET_CHECK = Duration.ofMillis(100);

    private final String label;
    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final Duration timeout;

    public LanguageModel(String label, ChatModel chat, StreamingChatModel streaming, Duration timeout) {
        this.label = label;
        this.chat = chat;
        this.streaming = streaming;
        this.timeout = timeout;
    }

    /** {@code provider:model-name}, as answers show it. */
    public String label() {
        return label;
    }

    /**
     * The whole reply at once, within the timeout. The HTTP client's own timeout only covers the wait for the
     * reply to begin, so the call runs on its own thread and is interrupted (which aborts the request) when
     * the whole reply has not come in time.
     */
    public String complete(List<ChatMessage> messages) {
        ChatRequest request = ChatRequest.builder().messages(messages).build();
        CompletableFuture<ChatResponse> reply = new CompletableFuture<>();
        Thread call = Thread.ofVirtual().name("model-call").start(() -> {
            try {
                reply.complete(chat.chat(request));
            } catch (Throwable e) {
                reply.completeExceptionally(e);
            }
        });
        ChatResponse response;
        try {
            response = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.interrupt();
            throw ModelException.timeout(timeout);
        } catch (ExecutionException e) {
            throw ModelException.from(e.getCause(), timeout);
        } catch (InterruptedException e) {
            call.interrupt();
            Thread.currentThread().interrupt();
            throw new ModelException(503, "model_unavailable", "the server is stopping");
        }
        String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null) {
            throw ModelException.badReply("replied without any text");
        }
        return text;
    }

    private sealed interface Event permits Piece, Done, Failed, Ended {
    }

    private record Piece(String text) implements Event {
    }

    private record Done(ChatResponse response) implements Event {
    }

    private record Failed(Throwable error) implements Event {
    }

    /** The body ended in good order; after a {@link Done}, if the reply was whole. */
    private record Ended() implements Event {
    }

    /**
     * The reply streamed to {@code pieces} as it comes, and returned whole at the end. The model's callbacks
     * only queue events; this thread hands them on, so a reader that has left is noticed here (its
     * {@link IOException}, from a piece or from {@link Pieces#quiet}) and the connection to the model server is
     * closed, which stops the generation. Waiting longer than the timeout for the next piece ends the call too:
     * a stalled stream is a timeout, never a hang.
     */
    public String stream(List<ChatMessage> messages, Pieces pieces) throws IOException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                events.add(new Piece(partial));
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                events.add(new Done(response));
            }

            @Override
            public void onError(Throwable error) {
                events.add(new Failed(error));
            }
        };
        StreamingHttpClient.Call call = new StreamingHttpClient.Call(() -> events.add(new Ended()));
        boolean finished = false;
        try {
            try {
                StreamingHttpClient.during(call,
                        () -> streaming.chat(ChatRequest.builder().messages(messages).build(), handler));
            } catch (RuntimeException e) {
                throw ModelException.from(e, timeout);
            }
            StringBuilder text = new StringBuilder();
            long last = System.nanoTime();
            while (true) {
                long left = timeout.toNanos() - (System.nanoTime() - last);
                if (left <= 0) {
                    throw ModelException.timeout(timeout);
                }
                Event event = events.poll(Math.min(left, QUIET_CHECK.toNanos()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    pieces.quiet();
                    continue;
                }
                last = System.nanoTime();
                switch (event) {
                    case Piece p -> {
                        text.append(p.text());
                        pieces.piece(p.text());
                    }
                    case Failed f -> throw ModelException.from(f.error(), timeout);
                    case Ended e -> throw cutShort(call, text);
                    case Done d -> {
                        finished = true;
                        if (d.response() == null || d.response().finishReason() == null) {
                            // Every protocol ends a whole reply with a reason to stop; without one it was cut short.
                            throw cutShort(call, text);
                        }
                        return text.toString();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the language model");
        } finally {
            if (!finished) {
                call.close(); // closes the connection, so the server stops generating
            }
        }
    }

    /**
     * A stream whose body ended without the end of the reply. With no text, or with events its client could not
     * read, it was not the protocol at all; otherwise a reply that was broken off.
     */
    private static ModelException cutShort(StreamingHttpClient.Call call, CharSequence text) {
        if (call.unreadable() || text.isEmpty()) {
            return ModelException.badReply("answered with something that is not a valid reply");
        }
        return new ModelException(502, "model_connection_lost",
                "the language model's stream ended before the reply was complete");
    }
}
