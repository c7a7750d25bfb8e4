package dev.footnote.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.Watched;
import dev.footnote.index.FolderWatcher;
import dev.footnote.retrieve.Retrieval;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and malformed requests at every route, written byte for byte on a socket: odd methods, paths with
 * encoded dots, slashes and controls, query strings, headers (missing, repeated, huge, non-ASCII), bodies
 * (truncated, wrongly typed, deeply nested, invalid UTF-8, too large). A seeded generator, so a failure can be
 * replayed: the seed and the request are in the message. Never a 5xx, never a stack trace in a response.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 1500);
    private static final String KEY = "fuzz-key-0123456789abcdef";
    private static final List<String> ROUTES = List.of("/", "/app.js", "/app.css", "/index.html", "/api/ask",
            "/api/search", "/api/articles/000_ee4c0ed1b0960cbf.txt", "/api/articles/", "/api/health", "/api/reindex",
            "/metrics", "/v1/chat/completions", "/v1/models");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH",
            "TRACE", "CONNECT", "QUERY", "BREW", "get", "");

    private Footnote footnote;
    private FolderWatcher watcher;
    private FootnoteServer open;
    private FootnoteServer guarded;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        Path articles = temp.resolve("articles");
        SampleArticles.copyTo(articles);
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")).withRetrieval(Retrieval.BM25), line -> {});
        footnote.sync();
        watcher = new FolderWatcher(footnote.files(), footnote::sync, line -> {}, 200, 1000).start(true);
        open = new FootnoteServer(footnote.service(), Watched.by(footnote, watcher)).start("127.0.0.1", 0);
        ServerOptions options = ServerOptions.DEFAULTS.withKeys(ApiKeys.of(KEY, null)).withRate(600, 20)
                .withConcurrency(2, 4, 200).withCorsOrigins(List.of("https://ok.example")).withLogQuestions(true);
        guarded = new FootnoteServer(footnote.service(), Watched.by(footnote, watcher)).with(options).start("127.0.0.1",
                0);
    }

    @AfterAll
    void stop() throws IOException {
        open.stop();
        guarded.stop();
        watcher.close();
        footnote.close();
    }

    @Test
    void noRequestGetsA5xxOrAStackTrace() throws IOException {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int[] byClass = new int[6];
        for (int i = 0; i < CASES && failures.size() < 5; i++) {
            byte[] request = request(random);
            int port = random.nextInt(4) == 0 ? guarded.port() : open.port();
            String response = send(port, request);
            String head = response.isEmpty() ? "" : response.substring(0, Math.max(0, response.indexOf('\n')));
            int status = head.startsWith("HTTP/1.1 ") && head.length() >= 12
                    ? Integer.parseInt(head.substring(9, 12))
                    : -1;
            if (status > 0) {
                byClass[status / 100]++;
            }
            boolean trace = response
                    .matches("(?s).*(\\bat (dev|io|org|java|jdk|kotlin)\\.[\\w.$]+\\(|Exception:|\\.java:\\d+\\)).*");
            if (status >= 500 || status < 0 || trace) {
                failures.add(
                        "seed " + SEED + " case " + i + ": " + (status < 0 ? "no response" : head) + "\n--- request:\n"
                                + new String(request, 0, Math.min(600, request.length), StandardCharsets.ISO_8859_1)
                                + "\n--- response:\n" + response.substring(0, Math.min(800, response.length())));
            }
        }
        assertThat(failures).as("requests answered 5xx, not at all, or with a stack trace").isEmpty();
        assertThat(byClass[2]).as("some requests succeed").isPositive();
        assertThat(byClass[4]).as("most malformed requests are refused").isPositive();
    }

    // The test server listens on the literal 127.0.0.1; getLoopbackAddress() may be ::1.
    @SuppressWarnings("AddressSelection")
    private static String send(int port, byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (SocketException e) {
                // the server may answer and close before a large request is written: read what it said
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0 && got.size() < 4_000_000;) {
                    got.write(buf, 0, n);
                }
            } catch (SocketException e) {
                // reset after a complete answer to a request the server would not read to its end
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    // ------------------------------------------------------------------ generators

    private static <T> T pick(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    private byte[] request(Random r) {
        String method = r.nextInt(5) == 0 ? pick(r, METHODS) : pick(r, List.of("GET", "POST"));
        String target = path(r) + (r.nextBoolean() ? "" : "?" + query(r));
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target)
                .append(r.nextInt(30) == 0 ? " HTTP/1.0" : r.nextInt(40) == 0 ? " HTTP/9.9" : " HTTP/1.1")
                .append("\r\n");
        head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
        byte[] body = body(r);
        for (int h = r.nextInt(5); h > 0; h--) {
            head.append(header(r)).append("\r\n");
        }
        if (r.nextInt(3) > 0) {
            head.append("Authorization: ")
                    .append(r.nextInt(4) == 0
                            ? "Bearer " + KEY
                            : pick(r, List.of("Bearer ", "Bearer x",
                                    "Basic " + KEY, "bearer " + KEY + " trailing", "Bearer " + junk(r, 40), KEY)))
                    .append("\r\n");
        }
        int lengthChoice = r.nextInt(12);
        if (lengthChoice == 0) {
            head.append("Content-Length: ").append(pick(r, List.of("-1", "abc", "99999999999999999999", "1e3", " 5")))
                    .append("\r\n");
        } else if (lengthChoice == 1) {
            head.append("Transfer-Encoding: chunked\r\n");
            body = chunked(r, body);
        } else if (lengthChoice != 2) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private static String path(Random r) {
        String base = pick(r, ROUTES);
        return switch (r.nextInt(10)) {
            case 0 -> base + "/"
                    + pick(r, List.of("..", "%2e%2e", "%2e%2e%2fetc%2fpasswd", "..%2F..%2Fpom.xml", "%00", "%ff%fe",
                            "a%5Cb", "%25", "x".repeat(r.nextInt(9000)), "%E2%80%AE", ";a=b", "..;/x", "%", "%zz"));
            case 1 -> "/api/articles/" + pick(r,
                    List.of("../pom.xml", "%2e%2e/%2e%2e/etc/passwd", "sub//x.txt", "a.txt%00.md",
                            "%C0%AE%C0%AE/x", ".hidden.txt", "CON", "nul.txt", "\u00e9t\u00e9.txt", "a b.txt",
                            "~root"));
            case 2 -> "/" + junk(r, 30).replace(" ", "%20");
            case 3 -> base.toUpperCase(Locale.ROOT);
            case 4 -> "//" + base + "//";
            default -> base;
        };
    }

    private static String query(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "q=" + pick(r,
                    List.of("", "%", "%zz", "a&q=b", "x".repeat(r.nextInt(5000)), "%00", "*:*", "\"", "AND OR NOT",
                            "title:(a", "a~2^9", "/regex.*/", "\\"))
                    + "&k=" + pick(r, List.of("0", "-1", "51", "1e9", "abc", "", "99999999999"));
            case 1 -> "start=" + pick(r, List.of("0", "-5", "x", "2147483648", "3")) + "&end="
                    + pick(r, List.of("1", "0", "-1", "9999999999"));
            case 2 -> "q=rafah&k=3";
            case 3 -> "&&&==&=";
            case 4 -> junk(r, 50).replace(" ", "+").replace("#", "%23");
            default -> "q=" + pick(r, List.of("refuge", "Rafah", "what happened", "who"));
        };
    }

    private static String header(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "Accept: text/event-stream";
            case 1 ->
                "Content-Type: " + pick(r, List.of("application/json", "text/plain", "multipart/form-data; boundary=x",
                        "application/x-www-form-urlencoded", "application/json; charset=latin1", ";;;", ""));
            case 2 ->
                "Origin: " + pick(r, List.of("https://ok.example", "https://evil.example", "null", "", junk(r, 20)));
            case 3 -> "Access-Control-Request-Method: " + pick(r, List.of("POST", "DELETE", "", "X"));
            case 4 -> "X-Big: " + "a".repeat(r.nextInt(40_000));
            case 5 -> "Accept-Encoding: " + pick(r, List.of("gzip", "br", "identity;q=0", "*;q=0", "gzip;q=abc"));
            case 6 -> "Range: bytes=" + pick(r, List.of("0-1", "-5", "9-1", "abc"));
            case 7 -> "If-None-Match: " + junk(r, 30);
            case 8 -> "X-Forwarded-For: " + pick(r, List.of("1.2.3.4", "::1", junk(r, 15)));
            case 9 -> junk(r, 10).replace(":", "") + ": " + junk(r, 10);
            case 10 -> "Expect: " + pick(r, List.of("100-continue", "200-ok"));
            default -> "X-Unicode: \u00e9\u4e2d\ud83d\ude00";
        };
    }

    private static byte[] body(Random r) {
        String question = pick(r,
                List.of("How many Palestinians have sought refuge in Rafah?", "", " ", "?", "x".repeat(r.nextInt(3000)),
                        "\u0000\u0001", "<script>alert(1)</script>", "' OR 1=1 --", "q".repeat(70_000), "\ud800",
                        "title:(a AND"));
        String json = switch (r.nextInt(16)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "null";
            case 3 -> "[]";
            case 4 -> "{\"question\": 42}";
            case 5 -> "{\"question\": [\"a\"], \"top_k\": \"x\"}";
            case 6 -> "{\"question\": \"a\", \"top_k\": "
                    + pick(r, List.of("0", "-1", "1e400", "99999999999999999999", "true", "2.5")) + "}";
            case 7 -> "[".repeat(r.nextInt(5000)) + "]".repeat(r.nextInt(5000));
            case 8 -> "{\"question\": \"a\", \"conversation_id\": "
                    + pick(r, List.of("1", "{}", "\"" + "c".repeat(5000) + "\"", "null")) + "}";
            case 9 -> "{\"messages\": " + pick(r,
                    List.of("[]", "[{}]", "[{\"role\":\"user\"}]", "[{\"role\":\"user\",\"content\":\"Rafah?\"}]",
                            "[{\"role\":\"x\",\"content\":[1,2]}]", "\"hi\"",
                            "[{\"role\":\"user\",\"content\":\"Rafah?\"}], \"stream\": true"))
                    + "}";
            case 10 -> junk(r, 200);
            case 11 -> "{\"question\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(question)
                    + ", \"stream\": \"yes\"}";
            default -> "{\"question\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(question) + "}";
        };
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(10) == 0 && bytes.length > 2) {
            bytes[r.nextInt(bytes.length)] = (byte) (0x80 + r.nextInt(0x7f)); // invalid UTF-8
        }
        if (r.nextInt(10) == 0 && bytes.length > 2) {
            bytes = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length)); // truncated
        }
        return bytes;
    }

    private static byte[] chunked(Random r, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String size = r.nextInt(5) == 0
                ? pick(r, List.of("zz", "-1", "FFFFFFFFFFFF"))
                : Integer.toHexString(body.length);
        out.writeBytes((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.writeBytes((r.nextBoolean() ? "\r\n0\r\n\r\n" : "\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String junk(Random r, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(10) == 0 ? 0x80 + r.nextInt(0x700) : 0x20 + r.nextInt(0x5f);
            s.append((char) c);
        }
        return s.toString();
    }
}
