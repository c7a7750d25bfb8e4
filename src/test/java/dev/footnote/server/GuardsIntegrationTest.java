package dev.footnote.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.json.Json;
import dev.footnote.retrieve.Retrieval;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access, limits, CORS, security headers, metrics and the access log on a real server on loopback over a real
 * BM25 index of the sample articles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardsIntegrationTest {

    private static final String KEY = "k3y-for-tests-0123456789";
    private static final String OTHER_KEY = "another-key-abcdefghijkl";
    private static final String ORIGIN = "https://intranet.example";
    private static final String QUESTION = "How many Palestinians have sought refuge in Rafah?";

    private Footnote footnote;
    private FootnoteServer guarded;
    private FootnoteServer open;
    private HttpClient http;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        Path articles = temp.resolve("articles");
        SampleArticles.copyTo(articles);
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")).withRetrieval(Retrieval.BM25), line -> {});
        footnote.sync();
        ServerOptions options = ServerOptions.DEFAULTS.withKeys(ApiKeys.of(KEY + "," + OTHER_KEY, null))
                .withRate(60_000, 1000).withConcurrency(4, 8, 1000).withCorsOrigins(List.of(ORIGIN));
        guarded = new FootnoteServer(footnote.service(), footnote).with(options).start("127.0.0.1", 0);
        open = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stop() throws IOException {
        guarded.stop();
        open.stop();
        footnote.close();
        http.close();
    }

    private HttpResponse<String> send(FootnoteServer server, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String ask(String question) {
        return "{\"question\":" + Json.write(question) + "}";
    }

    @Test
    void theApiNeedsAKeyAndTakesOnlyAConfiguredOne() throws Exception {
        var none = send(guarded, "GET", "/api/health", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(Json.MAPPER.readTree(none.body()).path("error").path("code").asText()).isEqualTo("unauthorized");

        assertThat(
                send(guarded, "GET", "/api/health", null, "Authorization", "Bearer wrong-key-0123456789").statusCode())
                .isEqualTo(401);
        assertThat(send(guarded, "GET", "/api/health", null, "Authorization", KEY).statusCode()).isEqualTo(401);
        assertThat(send(guarded, "GET", "/api/health", null, "Authorization", "Basic " + KEY).statusCode())
                .isEqualTo(401);
        assertThat(send(guarded, "POST", "/v1/chat/completions", "{}").statusCode()).isEqualTo(401);
        assertThat(send(guarded, "GET", "/metrics", null).statusCode()).isEqualTo(401);
        assertThat(send(guarded, "GET", "/api/health", null, "Authorization", "Bearer " + KEY).statusCode())
                .isEqualTo(200);
        assertThat(send(guarded, "GET", "/api/health", null, "Authorization", "bearer " + OTHER_KEY).statusCode())
                .isEqualTo(200);
        // The page itself loads without a key; it asks for one when the API answers 401.
        assertThat(send(guarded, "GET", "/", null).statusCode()).isEqualTo(200);
        // Without keys configured, nothing asks for one.
        assertThat(send(open, "GET", "/api/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTrailingSlashReachesTheSameRouteAndTheSameKeyCheck() throws Exception {
        // Routing forgives a trailing slash, so the guard must judge the route, not the raw path.
        for (String path : List.of("/metrics/", "/api/health/", "/api/search/?q=Rafah",
                "/api/articles/003_f221ba18038d1787.txt/")) {
            assertThat(send(guarded, "GET", path, null).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(send(guarded, "POST", "/api/ask/", ask("Rafah?")).statusCode()).isEqualTo(401);
        assertThat(send(guarded, "POST", "/v1/chat/completions/", "{}").statusCode()).isEqualTo(401);
        assertThat(send(guarded, "GET", "/metrics/", null, "Authorization", "Bearer " + KEY).statusCode())
                .isEqualTo(200);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/app.js", "/api/health", "/nope")) {
            var r = send(open, "GET", path, null);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue(SecurityHeaders.CSP);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        }
        assertThat(SecurityHeaders.CSP).contains("default-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe", "http");
        // The page fits the policy: no inline script or style, nothing from elsewhere.
        String page = send(open, "GET", "/", null).body();
        assertThat(page).doesNotContainPattern("<script>|<style|style=|https?://|\\son[a-z]+=");
    }

    @Test
    void headNeedsAKeyLikeGet() throws Exception {
        for (String path : List.of("/api/health", "/api/search?q=Rafah", "/api/articles/003_f221ba18038d1787.txt",
                "/metrics", "/v1/models", "/api/health/")) {
            assertThat(send(guarded, "HEAD", path, null).statusCode()).as("HEAD " + path).isEqualTo(401);
            assertThat(send(guarded, "HEAD", path, null, "Authorization", "Bearer " + KEY).statusCode())
                    .as("HEAD " + path + " with a key").isEqualTo(200);
        }
        assertThat(send(guarded, "HEAD", "/", null).statusCode()).isEqualTo(200);
    }

    @Test
    void failedKeysFromOneAddressAreLimitedEvenWithoutARateLimit() throws Exception {
        // No rate limit configured: failed authentications are still counted per address.
        ServerOptions unlimited = ServerOptions.DEFAULTS.withKeys(ApiKeys.of(KEY, null)).withRate(0, 60)
                .withConcurrency(4, 8, 1000);
        FootnoteServer server = new FootnoteServer(footnote.service(), footnote).with(unlimited)
                .start("127.0.0.1", 0);
        try {
            int refusedAt = -1;
            for (int i = 0; i < 100 && refusedAt < 0; i++) {
                var r = send(server, "GET", "/api/health", null, "Authorization", "Bearer guess-" + i + "-0123456789");
                if (r.statusCode() == 429) {
                    refusedAt = i;
                    assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
                    assertThat(Json.MAPPER.readTree(r.body()).path("error").path("code").asText())
                            .isEqualTo("too_many_failed_keys");
                } else {
                    assertThat(r.statusCode()).isEqualTo(401);
                }
            }
            assertThat(refusedAt).as("guesses answered before 429").isEqualTo(Guards.FAILED_KEYS_BURST);
            // While the address is over its budget, no guess is checked, so none can be confirmed.
            assertThat(send(server, "GET", "/api/health", null, "Authorization", "Bearer " + KEY).statusCode())
                    .isEqualTo(429);
            // The page still loads.
            assertThat(send(server, "GET", "/", null).statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void jettysOwnErrorsCarryTheSecurityHeaders() throws Exception {
        // Jetty answers these before any handler runs: a URI too long (414), headers too large (431), a bad request.
        List<String> raws = List.of(
                "GET /api/health?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n",
                "GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");
        for (String raw : raws) {
            String reply = raw(open, raw);
            assertThat(reply).as(reply.lines().findFirst().orElse("")).startsWith("HTTP/1.1 4");
            assertThat(reply).contains("Content-Security-Policy: " + SecurityHeaders.CSP,
                    "X-Content-Type-Options: nosniff",
                    "X-Frame-Options: DENY");
        }
    }

    // The test server listens on the literal 127.0.0.1; getLoopbackAddress() may be ::1.
    @SuppressWarnings("AddressSelection")
    private static String raw(FootnoteServer server, String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            byte[] buffer = new byte[8192];
            StringBuilder reply = new StringBuilder();
            int n;
            while (!reply.toString().contains("\r\n\r\n") && (n = socket.getInputStream().read(buffer)) > 0) {
                reply.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            return reply.toString();
        }
    }

    @Test
    void corsIsOffByDefaultAndAllowsOnlyConfiguredOrigins() throws Exception {
        var plain = send(open, "GET", "/api/health", null, "Origin", ORIGIN);
        assertThat(plain.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        var preflight = send(guarded, "OPTIONS", "/api/ask", null, "Origin", ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
                "authorization,content-type");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization");

        var allowed = send(guarded, "GET", "/api/health", null, "Origin", ORIGIN, "Authorization", "Bearer " + KEY);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        var other = send(guarded, "OPTIONS", "/api/ask", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(other.statusCode()).isGreaterThanOrEqualTo(400).isLessThan(500);
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfterAndOthersAreUnaffected() throws Exception {
        ServerOptions tight = ServerOptions.DEFAULTS.withKeys(ApiKeys.of(KEY + "," + OTHER_KEY, null)).withRate(6, 3)
                .withConcurrency(4, 8, 1000);
        FootnoteServer limited = new FootnoteServer(footnote.service(), footnote).with(tight)
                .start("127.0.0.1", 0);
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(send(limited, "GET", "/api/health", null, "Authorization", "Bearer " + KEY).statusCode())
                        .isEqualTo(200);
            }
            var refused = send(limited, "GET", "/api/health", null, "Authorization", "Bearer " + KEY);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 10L);
            assertThat(Json.MAPPER.readTree(refused.body()).path("error").path("code").asText())
                    .isEqualTo("rate_limited");
            // Another key is another client.
            assertThat(send(limited, "GET", "/api/health", null, "Authorization", "Bearer " + OTHER_KEY).statusCode())
                    .isEqualTo(200);
            // The page is not rate limited.
            assertThat(send(limited, "GET", "/", null).statusCode()).isEqualTo(200);
        } finally {
            limited.stop();
        }
    }

    @Test
    void metricsShowRequestsAnswersStagesAndTheIndex() throws Exception {
        var answer = send(guarded, "POST", "/api/ask", ask(QUESTION), "Authorization", "Bearer " + KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        send(guarded, "POST", "/api/ask", ask("What is the airspeed of an unladen swallow on Jupiter?"),
                "Authorization", "Bearer " + KEY);
        var m = send(guarded, "GET", "/metrics", null, "Authorization", "Bearer " + KEY);
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(m.body()).contains(
                "footnote_http_requests_seconds_count{method=\"POST\",route=\"/api/ask\",status=\"200\"}",
                "footnote_answer_duration_seconds_bucket{stage=\"retrieve\"",
                "footnote_answer_duration_seconds_bucket{stage=\"answer\"",
                "footnote_answers_refused_total",
                "footnote_citations_dropped_total",
                "footnote_index_articles",
                "footnote_index_passages",
                "footnote_http_rejected_total{reason=\"unauthorized\"}",
                "jvm_memory_used_bytes");
        assertThat(m.body()).containsPattern("footnote_index_articles \\d+\\.0");
    }

    @Test
    void theAccessLogHasOneLinePerRequestWithoutKeysOrQuestions() throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            send(guarded, "POST", "/api/ask", ask(QUESTION), "Authorization", "Bearer " + KEY);
            send(guarded, "GET", "/api/health", null, "Authorization", "Bearer wrong-key-0123456789");
        } finally {
            System.setErr(saved);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("method=POST route=/api/ask status=200", "client=key#1");
        assertThat(log).contains("method=GET route=/api/health status=401", "client=127.0.0.1");
        assertThat(log).doesNotContain(KEY, "wrong-key", "Palestinians");
    }

    @Test
    void apiKeysAreComparedWhole() throws IOException {
        ApiKeys keys = ApiKeys.of(KEY + " " + OTHER_KEY, null);
        assertThat(keys.match("Bearer " + KEY)).isEqualTo(1);
        assertThat(keys.match("Bearer " + OTHER_KEY)).isEqualTo(2);
        assertThat(keys.match("Bearer " + KEY.substring(0, KEY.length() - 1))).isZero();
        assertThat(keys.match("Bearer " + KEY + "x")).isZero();
        assertThat(keys.match("Bearer ")).isZero();
        assertThat(keys.match(null)).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiKeys.of("tiny-key", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("tiny-key");
    }
}
