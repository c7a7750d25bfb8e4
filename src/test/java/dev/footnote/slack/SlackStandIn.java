package dev.footnote.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.footnote.Waits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The Slack Web API on a loopback port, as the official client speaks it: {@code POST /api/<method>} with a form
 * body and the token as a bearer header, answered with Slack's JSON. It answers {@code auth.test},
 * {@code chat.postMessage} and (with the app-level token) {@code apps.connections.open}, and records every call.
 * A call can be made to fail: HTTP 500, or the connection closed without an answer.
 */
final class SlackStandIn implements AutoCloseable {

    static final String BOT_USER = "UFOOTNOTE";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a call is made to fail. */
    enum Failure {
        HTTP_500, CLOSE
    }

    /** One call as received: the method, its form fields, its Authorization header and the status answered (0: none). */
    record Call(String method, Map<String, String> form, String authorization, int status) {
        String get(String field) {
            return form.get(field);
        }

        JsonNode blocks() throws IOException {
            return JSON.readTree(form.get("blocks"));
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger ts = new AtomicInteger(100);
    private final String token;
    private final Map<String, java.util.Queue<Failure>> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String appToken;
    private volatile String socketModeUrl;

    SlackStandIn(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::handle);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** Answers {@code apps.connections.open} called with {@code appToken} with this WebSocket URL. */
    void socketMode(String appToken, String url) {
        this.appToken = appToken;
        this.socketModeUrl = url;
    }

    /** The next calls of {@code method} fail, one failure each, in this order. */
    void failNext(String method, Failure... next) {
        failures.computeIfAbsent(method, m -> new java.util.concurrent.ConcurrentLinkedQueue<>()).addAll(List.of(next));
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method.equals(method)).toList();
    }

    /** The chat.postMessage calls that were answered as posted. */
    List<Call> posted() {
        return calls("chat.postMessage").stream().filter(c -> c.status == 200).toList();
    }

    /** Waits (up to a deadline) until a posted chat.postMessage matches, and returns it. */
    Call awaitPost(Predicate<Call> match, Duration timeout) {
        return Waits.first(this::posted, match, timeout, "chat.postMessage", () -> calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(k, v);
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        java.util.Queue<Failure> queued = failures.get(method);
        Failure failure = queued == null ? null : queued.poll();
        if (failure == Failure.CLOSE) {
            calls.add(new Call(method, form, auth, 0));
            exchange.close(); // no status line, no body: the client sees the connection end
            return;
        }
        if (failure == Failure.HTTP_500) {
            calls.add(new Call(method, form, auth, 500));
            byte[] bytes = "<html><body>500 Internal Server Error</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(500, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            return;
        }
        calls.add(new Call(method, form, auth, 200));
        String reply;
        if ("apps.connections.open".equals(method)) {
            reply = appToken != null && ("Bearer " + appToken).equals(auth)
                    ? "{\"ok\":true,\"url\":" + JSON.writeValueAsString(socketModeUrl) + "}"
                    : "{\"ok\":false,\"error\":\"not_allowed_token_type\"}";
        } else if (!("Bearer " + token).equals(auth)) {
            reply = "{\"ok\":false,\"error\":\"invalid_auth\"}";
        } else {
            reply = switch (method) {
                case "auth.test" -> "{\"ok\":true,\"url\":\"https://footnote-test.slack.com/\",\"team\":\"Test\","
                        + "\"user\":\"footnote\",\"team_id\":\"T0TEST\",\"user_id\":\"" + BOT_USER
                        + "\",\"bot_id\":\"B0TEST\"}";
                case "chat.postMessage" -> "{\"ok\":true,\"channel\":" + JSON.writeValueAsString(form.get("channel"))
                        + ",\"ts\":\"1700000000." + String.format("%06d", ts.incrementAndGet()) + "\"}";
                default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
            };
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
