package dev.footnote.model;

import static dev.langchain4j.http.client.sse.ServerSentEventListenerUtils.ignoringExceptions;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The HTTP client of the streaming models: the JDK's, as in LangChain4j's own client, plus two things that one
 * lacks. A streamed call can be closed at any moment, even before the model server has sent its headers
 * (LangChain4j's own handle only comes with the first piece of text, so a silent model could not be hung up on),
 * and the caller learns how the body ended, so a reply that is not the protocol can be told from one cut short.
 */
final class StreamingHttpClient implements HttpClient {

    /** The call {@link #during} is making: LangChain4j's clients send the request on the caller's thread. */
    private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

    private final java.net.http.HttpClient jdk;
    private final Duration readTimeout;

    private StreamingHttpClient(Duration connectTimeout, Duration readTimeout) {
        java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder();
        if (connectTimeout != null) {
            b.connectTimeout(connectTimeout);
        }
        this.jdk = b.build();
        this.readTimeout = readTimeout;
    }

    /** One streamed call, seen from outside LangChain4j: it can be closed, and it says how its body ended. */
    static final class Call {
        private final Runnable ended;
        private CompletableFuture<?> response;
        private InputStream body;
        private boolean closed;
        private volatile boolean unreadable;

        /** @param ended told when the body ended in good order (not broken off, not closed here) */
        Call(Runnable ended) {
            this.ended = ended;
        }

        /** Hangs up: cancels the request while it waits for headers, or closes the body being read. */
        synchronized void close() {
            closed = true;
            if (response != null) {
                response.cancel(true);
            }
            if (body != null) {
                closeQuietly(body);
            }
        }

        /** Whether the body carried an event the model's client could not read. */
        boolean unreadable() {
            return unreadable;
        }

        private synchronized void sent(CompletableFuture<?> response) {
            this.response = response;
            if (closed) {
                response.cancel(true);
            }
        }

        private synchronized boolean reading(InputStream body) {
            this.body = body;
            if (closed) {
                closeQuietly(body);
            }
            return !closed;
        }

        private synchronized boolean closed() {
            return closed;
        }
    }

    /** Runs {@code start}, whose streamed request becomes {@code call}. */
    static void during(Call call, Runnable start) {
        CURRENT.set(call);
        try {
            start.run();
        } finally {
            CURRENT.remove();
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        Call call = Objects.requireNonNullElseGet(CURRENT.get(), () -> new Call(() -> {}));
        CompletableFuture<HttpResponse<InputStream>> response = jdk.sendAsync(jdkRequest(request),
                HttpResponse.BodyHandlers.ofInputStream());
        call.sent(response);
        response.thenAccept(r -> read(r, parser, listener, call)).exceptionally(e -> {
            if (!call.closed()) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                ignoringExceptions(() -> listener.onError(
                        cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause));
            }
            return null;
        });
    }

    private static void read(HttpResponse<InputStream> response, ServerSentEventParser parser,
            ServerSentEventListener listener, Call call) {
        InputStream body = response.body();
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            String text;
            try (body) {
                text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            HttpException error = new HttpException(response.statusCode(), text);
            ignoringExceptions(() -> listener.onError(error));
            return;
        }
        if (!call.reading(body)) {
            return;
        }
        SuccessfulHttpResponse opened = SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                .headers(response.headers().map()).build();
        ignoringExceptions(() -> listener.onOpen(opened));
        Reading reading = new Reading(listener, call);
        try {
            parser.parse(body, reading);
        } finally {
            closeQuietly(body);
        }
        ignoringExceptions(listener::onClose);
        if (!reading.broken && !call.closed()) {
            call.ended.run();
        }
    }

    /** Hands the parsed events on, noting the ones the model's client cannot read and a body that broke off. */
    private static final class Reading implements ServerSentEventListener {
        private final ServerSentEventListener target;
        private final Call call;
        private boolean broken;

        Reading(ServerSentEventListener target, Call call) {
            this.target = target;
            this.call = call;
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            try {
                target.onEvent(event, context);
            } catch (RuntimeException e) {
                // Skipped, as LangChain4j's parser does, but remembered: it is what tells garbage from a cut.
                call.unreadable = true;
            }
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            onEvent(event, null);
        }

        @Override
        public void onError(Throwable error) {
            broken = true;
            if (!call.closed()) { // after a hang-up the failed read is ours, not news
                target.onError(error);
            }
        }
    }

    /** A plain call; the streaming models make none, but the interface asks for it. */
    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = jdk.send(jdkRequest(request), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() < 200 || r.statusCode() > 299) {
                throw new HttpException(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            }
            return SuccessfulHttpResponse.builder().statusCode(r.statusCode()).headers(r.headers().map())
                    .body(new String(r.body(), StandardCharsets.UTF_8)).build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private java.net.http.HttpRequest jdkRequest(HttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .method(request.method().name(), request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> values.forEach(value -> b.header(name, value)));
        if (readTimeout != null) {
            b.timeout(readTimeout);
        }
        return b.build();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    /** What the model builders take: they set the timeouts, then build. */
    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout;
        private Duration readTimeout;

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public StreamingHttpClient build() {
            return new StreamingHttpClient(connectTimeout, readTimeout);
        }
    }
}
