package dev.footnote.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A language model server on a loopback port that speaks one provider's real wire protocol, plain and streaming:
 * OpenAI's chat completions (JSON, and SSE {@code data:} chunks ending {@code [DONE]}), Ollama's /api/chat (JSON,
 * and NDJSON lines), Anthropic's /v1/messages (JSON, and SSE events message_start … message_stop). Each test
 * scripts the replies; the server records every call it got, and whether a streaming reader went away early.
 */
public final class ModelStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call as received: the JSON body, the text of all its messages, its headers, and whether it streams. */
    private static final Pattern PASSAGE = Pattern.compile("<passage id=\"(\\d+)\"[^>]*>(.*?)</passage>",
            Pattern.DOTALL);

    public record Call(Provider provider, boolean stream, JsonNode body, String prompt,
            Map<String, List<String>> headers) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** The number the prompt gives the passage that contains {@code words}, or 0. */
        public int passageWith(String words) {
            Matcher m = PASSAGE.matcher(prompt);
            while (m.find()) {
                if (m.group(2).contains(words)) {
                    return Integer.parseInt(m.group(1));
                }
            }
            return 0;
        }

        public boolean isRewrite() {
            return prompt.contains("Follow-up question:");
        }
    }

    /** What the stand-in answers. */
    public sealed interface Reply {
    }

    /** The model's text, streamed as these pieces with this pause between them. */
    public record Text(List<String> pieces, Duration gap) implements Reply {
    }

    /** An HTTP error with the provider's error body. */
    public record Status(int code, String message) implements Reply {
    }

    /** Nothing at all for this long (then a normal text reply, if the client is still there). */
    public record Stall(Duration pause, String text) implements Reply {
    }

    /** These pieces, then the connection is cut without the end of the stream (or of the body). */
    public record Drop(List<String> pieces) implements Reply {
    }

    /** A plain reply whose headers and first half come at once, the rest only after a pause. */
    public record SlowBody(Duration pause, String text) implements Reply {
    }

    /** A 200 whose body is not the protocol at all. */
    public record Garbage(String body) implements Reply {
    }

    /**
     * A stream that starts, then for this long carries only the protocol's keep-alives (which a client reads as
     * nothing) while the stand-in watches for the reader leaving; then the text, if the reader is still there.
     */
    public record Silent(Duration length, String text) implements Reply {
    }

    /** These pieces, then the body ends in good order but without the protocol's end of the reply. */
    public record Unfinished(List<String> pieces) implements Reply {
    }

    public static Reply text(String text) {
        return new Text(List.of(text), Duration.ZERO);
    }

    /** The text split into pieces of a few characters, as a model streams tokens. */
    public static Reply tokens(String text, int size, Duration gap) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            pieces.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return new Text(pieces, gap);
    }

    private final Provider provider;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "model-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<Call, Reply> script = call -> text("");
    private volatile CountDownLatch readerLeft = new CountDownLatch(1);
    private volatile int piecesSentBeforeLeaving = -1;

    public ModelStandIn(Provider provider) throws IOException {
        this.provider = provider;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String path = switch (provider) {
            case OPENAI -> "/v1/chat/completions";
            case OLLAMA -> "/api/chat";
            case ANTHROPIC -> "/v1/messages";
            case EXTRACTIVE -> throw new IllegalArgumentException("no server for the extractive answerer");
        };
        server.createContext(path, this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL to give Footnote as {@code --base-url}. */
    public String baseUrl() {
        String root = "http://127.0.0.1:" + server.getAddress().getPort();
        return switch (provider) {
            case OPENAI -> root + "/v1";
            case OLLAMA -> root;
            case ANTHROPIC -> root + "/v1/";
            case EXTRACTIVE -> null;
        };
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Provider provider() {
        return provider;
    }

    public void script(Function<Call, Reply> script) {
        this.script = script;
        this.calls.clear();
        this.readerLeft = new CountDownLatch(1);
        this.piecesSentBeforeLeaving = -1;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Waits until a streaming reader closed its connection before the reply ended; false on timeout. */
    public boolean awaitReaderLeft(Duration wait) throws InterruptedException {
        return readerLeft.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many pieces had been written when the reader was found gone. */
    public int piecesSentBeforeLeaving() {
        return piecesSentBeforeLeaving;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        JsonNode body = JSON.readTree(bytes);
        boolean stream = body.path("stream").asBoolean(false);
        StringBuilder prompt = new StringBuilder();
        if (body.has("system")) {
            prompt.append(textOf(body.get("system"))).append("\n\n");
        }
        for (JsonNode m : body.path("messages")) {
            prompt.append(textOf(m.get("content"))).append("\n\n");
        }
        Call call = new Call(provider, stream, body, prompt.toString(), exchange.getRequestHeaders());
        calls.add(call);
        Reply reply = script.apply(call);
        try {
            respond(exchange, call, reply);
        } catch (Cut cut) {
            // Not closing the exchange: the JDK server drops the socket without ending the body or the stream.
            throw cut;
        } catch (IOException | RuntimeException e) {
            exchange.close();
            throw e;
        }
        exchange.close();
    }

    /** Thrown out of the handler to cut the connection. */
    private static final class Cut extends RuntimeException {
        Cut() {
            super("stand-in cuts the connection", null, false, false);
        }
    }

    private static String textOf(JsonNode content) {
        if (content == null) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            out.append(part.path("text").asText());
        }
        return out.toString();
    }

    private void respond(HttpExchange exchange, Call call, Reply reply) throws IOException {
        switch (reply) {
            case Status s -> send(exchange, s.code(), "application/json", errorBody(s));
            case Garbage g -> send(exchange, 200, call.stream() ? streamType() : "application/json", g.body());
            case Stall s -> {
                try {
                    Thread.sleep(s.pause().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                respond(exchange, call, text(s.text()));
            }
            case SlowBody b -> {
                byte[] full = whole(b.text()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, full.length);
                exchange.getResponseBody().write(full, 0, full.length / 2);
                exchange.getResponseBody().flush();
                pause(b.pause());
                exchange.getResponseBody().write(full, full.length / 2, full.length - full.length / 2);
            }
            case Text t when !call.stream() ->
                send(exchange, 200, "application/json", whole(String.join("", t.pieces())));
            case Text t -> streamPieces(exchange, t.pieces(), t.gap(), true);
            case Silent s when !call.stream() -> {
                pause(s.length());
                send(exchange, 200, "application/json", whole(s.text()));
            }
            case Silent s -> keepAlive(exchange, s);
            case Unfinished u -> streamPieces(exchange, u.pieces(), Duration.ZERO, false);
            case Drop d when !call.stream() -> {
                // Promise a body, send half of it, and cut the connection.
                byte[] full = whole(String.join("", d.pieces())).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, full.length);
                exchange.getResponseBody().write(full, 0, full.length / 2);
                exchange.getResponseBody().flush();
                throw new Cut();
            }
            case Drop d -> {
                streamPieces(exchange, d.pieces(), Duration.ofMillis(20), false);
                pause(Duration.ofMillis(100)); // let the reader take in what was sent before the cut
                throw new Cut();
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private String streamType() {
        return provider == Provider.OLLAMA ? "application/x-ndjson" : "text/event-stream";
    }

    private void streamPieces(HttpExchange exchange, List<String> pieces, Duration gap, boolean finish)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", streamType());
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int sent = 0;
        try {
            write(out, start());
            for (String piece : pieces) {
                if (sent > 0 && !gap.isZero()) {
                    Thread.sleep(gap.toMillis());
                }
                write(out, piece(piece));
                sent++;
            }
            if (finish) {
                write(out, end());
            }
        } catch (IOException e) {
            piecesSentBeforeLeaving = sent;
            readerLeft.countDown();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keep-alives every 20 ms: each write finds out at once whether the reader is still there. */
    private void keepAlive(HttpExchange exchange, Silent s) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", streamType());
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long end = System.nanoTime() + s.length().toNanos();
        try {
            write(out, start());
            while (System.nanoTime() < end) {
                Thread.sleep(20);
                write(out, keepAlive());
            }
            write(out, piece(s.text()));
            write(out, end());
        } catch (IOException e) {
            piecesSentBeforeLeaving = 0;
            readerLeft.countDown();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        if (!text.isEmpty()) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    // ------------------------------------------------------------------ the three protocols

    private String whole(String text) {
        ObjectNode n = JSON.createObjectNode();
        switch (provider) {
            case OPENAI -> {
                n.put("id", "chatcmpl-standin").put("object", "chat.completion").put("created", 1_700_000_000L)
                        .put("model", "stand-in");
                ObjectNode choice = n.putArray("choices").addObject();
                choice.put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", text);
                choice.put("finish_reason", "stop");
                n.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
            }
            case OLLAMA -> {
                n.put("model", "stand-in").put("created_at", "2026-01-22T11:22:42.180546Z");
                n.putObject("message").put("role", "assistant").put("content", text);
                n.put("done_reason", "stop").put("done", true).put("total_duration", 1000)
                        .put("prompt_eval_count", 100).put("eval_count", 20);
            }
            case ANTHROPIC -> {
                n.put("id", "msg_standin").put("type", "message").put("role", "assistant").put("model", "stand-in");
                n.putArray("content").addObject().put("type", "text").put("text", text);
                n.put("stop_reason", "end_turn").putNull("stop_sequence");
                n.putObject("usage").put("input_tokens", 100).put("output_tokens", 20);
            }
            case EXTRACTIVE -> throw new IllegalStateException();
        }
        return n.toString();
    }

    private String start() {
        return switch (provider) {
            case OPENAI -> "data: "
                    + openAiChunk(JSON.createObjectNode().put("role", "assistant").put("content", ""), null) + "\n\n";
            case OLLAMA -> "";
            case ANTHROPIC -> sse("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_standin\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"stand-in\",\"content\":[],"
                    + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":100,\"output_tokens\":1}}}")
                    + sse("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                    + sse("ping", "{\"type\":\"ping\"}");
            case EXTRACTIVE -> throw new IllegalStateException();
        };
    }

    private String piece(String text) {
        return switch (provider) {
            case OPENAI -> "data: " + openAiChunk(JSON.createObjectNode().put("content", text), null) + "\n\n";
            case OLLAMA -> {
                ObjectNode n = JSON.createObjectNode().put("model", "stand-in").put("created_at",
                        "2026-01-22T11:22:42Z");
                n.putObject("message").put("role", "assistant").put("content", text);
                n.put("done", false);
                yield n + "\n";
            }
            case ANTHROPIC -> {
                ObjectNode n = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
                n.putObject("delta").put("type", "text_delta").put("text", text);
                yield sse("content_block_delta", n.toString());
            }
            case EXTRACTIVE -> throw new IllegalStateException();
        };
    }

    /** What each protocol sends to keep a quiet stream open: nothing a client turns into text. */
    private String keepAlive() {
        return switch (provider) {
            case OPENAI -> ": keep-alive\n\n";
            case OLLAMA -> {
                ObjectNode n = JSON.createObjectNode().put("model", "stand-in").put("created_at",
                        "2026-01-22T11:22:42Z");
                n.putObject("message").put("role", "assistant").put("content", "");
                n.put("done", false);
                yield n + "\n";
            }
            case ANTHROPIC -> sse("ping", "{\"type\":\"ping\"}");
            case EXTRACTIVE -> throw new IllegalStateException();
        };
    }

    private String end() {
        return switch (provider) {
            case OPENAI -> "data: " + openAiChunk(JSON.createObjectNode(), "stop") + "\n\n"
                    + "data: {\"id\":\"chatcmpl-standin\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"stand-in\",\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,"
                    + "\"total_tokens\":120}}\n\n"
                    + "data: [DONE]\n\n";
            case OLLAMA -> {
                ObjectNode n = JSON.createObjectNode().put("model", "stand-in").put("created_at",
                        "2026-01-22T11:22:43Z");
                n.putObject("message").put("role", "assistant").put("content", "");
                n.put("done_reason", "stop").put("done", true).put("total_duration", 1000)
                        .put("prompt_eval_count", 100).put("eval_count", 20);
                yield n + "\n";
            }
            case ANTHROPIC -> sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                    + sse("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                            + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}")
                    + sse("message_stop", "{\"type\":\"message_stop\"}");
            case EXTRACTIVE -> throw new IllegalStateException();
        };
    }

    private static String openAiChunk(ObjectNode delta, String finishReason) {
        ObjectNode n = JSON.createObjectNode().put("id", "chatcmpl-standin").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", "stand-in");
        ObjectNode choice = n.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return n.toString();
    }

    private static String sse(String event, String data) {
        return "event: " + event + "\ndata: " + data + "\n\n";
    }

    private String errorBody(Status s) {
        return switch (provider) {
            case OPENAI ->
                "{\"error\":{\"message\":\"" + s.message() + "\",\"type\":\"error\",\"code\":" + s.code() + "}}";
            case OLLAMA -> "{\"error\":\"" + s.message() + "\"}";
            case ANTHROPIC ->
                "{\"type\":\"error\",\"error\":{\"type\":\"" + (s.code() == 429 ? "rate_limit_error" : "api_error")
                        + "\",\"message\":\"" + s.message() + "\"}}";
            case EXTRACTIVE -> throw new IllegalStateException();
        };
    }
}
