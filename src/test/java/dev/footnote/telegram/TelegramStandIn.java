package dev.footnote.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.footnote.Waits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The Telegram Bot API on a loopback port, as the library speaks it: {@code POST /bot<token>/<method>} with a
 * JSON body, answered {@code {"ok": true, "result": …}}. {@code getUpdates} hands out queued updates (holding
 * the poll briefly when there are none); every call is recorded. A call can be made to fail with a given HTTP
 * status and body, as the Bot API fails (HTTP 500, 502 from its front end, 429 with {@code retry_after}).
 */
final class TelegramStandIn implements AutoCloseable {

    static final long BOT_ID = 7_000_001L;
    static final String BOT_NAME = "footnote_test_bot";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call as received, the time it came and the status it was answered with. */
    record Call(String method, JsonNode body, long nanos, int status) {
    }

    /** A failed answer: the HTTP status and the body sent with it. */
    record Failure(int status, String body) {
        static final Failure SERVER_ERROR = new Failure(500,
                "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");
        static final Failure BAD_GATEWAY = new Failure(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");

        static Failure tooManyRequests(int retryAfter) {
            return new Failure(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
                    + retryAfter + "\",\"parameters\":{\"retry_after\":" + retryAfter + "}}");
        }
    }

    private final HttpServer server;
    private final String token;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonNode> updates = new LinkedBlockingQueue<>();
    private final AtomicInteger messageIds = new AtomicInteger(500);
    private final java.util.Map<String, java.util.Queue<Failure>> failures = new java.util.concurrent.ConcurrentHashMap<>();

    TelegramStandIn(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void queue(JsonNode update) {
        updates.add(update);
    }

    /** The next calls of {@code method} (as the library spells it, e.g. {@code sendmessage}) fail, in this order. */
    void failNext(String method, Failure... next) {
        failures.computeIfAbsent(method.toLowerCase(Locale.ROOT),
                m -> new java.util.concurrent.ConcurrentLinkedQueue<>())
                .addAll(List.of(next));
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method.equalsIgnoreCase(method)).toList();
    }

    /** Waits (up to a deadline) until a recorded call of {@code method} answered 200 matches, and returns it. */
    Call await(String method, Predicate<Call> match, Duration timeout) {
        return awaitAny(method, c -> c.status() == 200 && match.test(c), timeout);
    }

    /** Waits (up to a deadline) until a recorded call of {@code method}, failed or not, matches, and returns it. */
    Call awaitAny(String method, Predicate<Call> match, Duration timeout) {
        return Waits.first(() -> calls(method), match, timeout, method, () -> calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String prefix = "/bot" + token + "/";
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!path.startsWith(prefix)) {
            respond(exchange, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
            return;
        }
        String method = path.substring(prefix.length());
        JsonNode request = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        java.util.Queue<Failure> queued = failures.get(method.toLowerCase(Locale.ROOT));
        Failure failure = queued == null ? null : queued.poll();
        if (failure != null) {
            calls.add(new Call(method, request, System.nanoTime(), failure.status()));
            respond(exchange, failure.status(), failure.body());
            return;
        }
        calls.add(new Call(method, request, System.nanoTime(), 200));
        ObjectNode reply = JSON.createObjectNode().put("ok", true);
        try {
            switch (method.toLowerCase(Locale.ROOT)) {
                case "getme" -> reply.set("result", JSON.createObjectNode().put("id", BOT_ID).put("is_bot", true)
                        .put("first_name", "Footnote").put("username", BOT_NAME));
                case "getupdates" -> {
                    ArrayNode result = reply.putArray("result");
                    JsonNode first = updates.poll(300, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        result.add(first);
                        updates.drainTo(new java.util.ArrayList<>() {
                            @Override
                            public boolean add(JsonNode n) {
                                result.add(n);
                                return true;
                            }
                        });
                    }
                }
                case "sendmessage" -> {
                    ObjectNode message = reply.putObject("result");
                    message.put("message_id", messageIds.incrementAndGet()).put("date", 1_700_000_000L);
                    message.putObject("chat").put("id", request.path("chat_id").asLong()).put("type", "private");
                    message.putObject("from").put("id", BOT_ID).put("is_bot", true).put("first_name", "Footnote");
                    message.put("text", request.path("text").asText());
                }
                default -> reply.put("result", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        respond(exchange, 200, JSON.writeValueAsString(reply));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
