package dev.footnote.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.Waits;
import dev.footnote.ask.Asker;
import dev.footnote.server.FootnoteServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack end to end: requests signed as Slack signs them reach the real server's {@code /slack/events} and
 * {@code /slack/commands}; Bolt and the official Web API client answer through a stand-in Slack that records
 * every {@code chat.postMessage}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackIntegrationTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TOKEN = "xoxb-test-token-not-real";
    private static final String RAFAH_FILE = "003_f221ba18038d1787.txt";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Footnote footnote;
    private FootnoteServer server;
    private SlackStandIn slack;
    private SlackBot bot;
    private HttpClient http;
    private String base;
    private final AtomicInteger events = new AtomicInteger();

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        Path articles = temp.resolve("articles");
        SampleArticles.copyTo(articles);
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")), line -> {});
        footnote.sync();
        slack = new SlackStandIn(TOKEN);
        bot = new SlackBot(new SlackSettings(SECRET, TOKEN, null, false, slack.apiUrl()),
                Asker.of(footnote.service()), Duration.ofMillis(50));
        server = new FootnoteServer(footnote.service(), footnote).withWebhook(bot).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.stop();
        }
        if (bot != null) {
            bot.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (footnote != null) {
            footnote.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String contentType, String body, long timestamp, String signature,
            Map<String, String> extra) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        extra.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signed(String path, String contentType, String body, Map<String, String> extra)
            throws IOException, InterruptedException {
        long now = Instant.now().getEpochSecond();
        return post(path, contentType, body, now, signature(SECRET, now, body), extra);
    }

    private HttpResponse<String> event(String json, Map<String, String> extra)
            throws IOException, InterruptedException {
        return signed("/slack/events", "application/json", json, extra);
    }

    static String mention(String eventId, String channel, String ts, String threadTs, String text) {
        return "{\"token\":\"unused\",\"team_id\":\"T0TEST\",\"api_app_id\":\"A0TEST\",\"type\":\"event_callback\","
                + "\"event_id\":\"" + eventId + "\",\"event_time\":" + Instant.now().getEpochSecond() + ","
                + "\"event\":{\"type\":\"app_mention\",\"user\":\"U0ASKER\",\"text\":\"<@" + SlackStandIn.BOT_USER
                + "> "
                + text + "\",\"ts\":\"" + ts + "\",\"channel\":\"" + channel + "\",\"event_ts\":\"" + ts + "\""
                + (threadTs == null ? "" : ",\"thread_ts\":\"" + threadTs + "\"") + "}}";
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    static String askBody(String channel, String question) {
        return "token=unused&team_id=T0TEST&channel_id=" + channel + "&channel_name=general&user_id=U0ASKER"
                + "&command=" + URLEncoder.encode("/ask", StandardCharsets.UTF_8)
                + "&text=" + URLEncoder.encode(question, StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode("http://127.0.0.1:9/unused", StandardCharsets.UTF_8)
                + "&trigger_id=1.2.3";
    }

    /** An Events API envelope around {@code event}, a JSON object. */
    static String callback(String eventId, String event) {
        return "{\"token\":\"unused\",\"team_id\":\"T0TEST\",\"api_app_id\":\"A0TEST\",\"type\":\"event_callback\","
                + "\"event_id\":\"" + eventId + "\",\"event_time\":" + Instant.now().getEpochSecond() + ",\"event\":"
                + event + "}";
    }

    private String nextTs() {
        return "1699999999." + String.format("%06d", events.incrementAndGet());
    }

    // ---------------------------------------------------------------- tests

    @Test
    void urlVerificationEchoesTheChallenge() throws Exception {
        String body = "{\"token\":\"unused\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";
        HttpResponse<String> r = event(body, Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void aMentionGetsAThreadedAnswerWithItsSources() throws Exception {
        String ts = nextTs();
        HttpResponse<String> r = event(mention("Ev0MENTION", "C0NEWS", ts, null,
                "How many Palestinians have sought refuge in Rafah?"), Map.of());
        assertThat(r.statusCode()).isEqualTo(200);

        SlackStandIn.Call post = slack.awaitPost(c -> ts.equals(c.get("thread_ts")), WAIT);
        assertThat(post.get("channel")).isEqualTo("C0NEWS");
        assertThat(post.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(post.get("text")).contains("[1]").contains("1.5 million Palestinians");
        JsonNode blocks = post.blocks();
        assertThat(blocks.size()).isBetween(3, SlackReply.MAX_BLOCKS);
        assertThat(blocks.get(0).path("text").path("text").asText()).contains("[1]");
        String all = blocks.toString();
        assertThat(all).contains("Sources").contains("*[1]* `" + RAFAH_FILE + ":");
        for (JsonNode block : blocks) {
            assertThat(block.path("text").path("text").asText().length())
                    .isLessThanOrEqualTo(SlackReply.MAX_SECTION_TEXT);
        }

        // A follow-up in the same thread is the same conversation.
        String followTs = nextTs();
        event(mention("Ev0FOLLOW", "C0NEWS", followTs, ts, "And where is that city?"), Map.of());
        // Identity: a post other than the first answer, even one that reads the same.
        @SuppressWarnings("ReferenceEquality")
        Predicate<SlackStandIn.Call> followUp = c -> ts.equals(c.get("thread_ts")) && c != post;
        slack.awaitPost(followUp, WAIT);
        assertThat(footnote.service().conversations().history(SlackBot.conversationId("C0NEWS", ts))).hasSize(2);
    }

    @Test
    void aBadOrStaleSignatureGets401AndNoMessage() throws Exception {
        String badTs = nextTs();
        String body = mention("Ev0FORGED", "C0FORGED", badTs, null,
                "How many Palestinians have sought refuge in Rafah?");
        long now = Instant.now().getEpochSecond();
        HttpResponse<String> forged = post("/slack/events", "application/json", body, now,
                signature("not-the-secret", now, body), Map.of());
        assertThat(forged.statusCode()).isEqualTo(401);
        long stale = now - 6 * 60;
        HttpResponse<String> old = post("/slack/events", "application/json", body, stale,
                signature(SECRET, stale, body), Map.of());
        assertThat(old.statusCode()).isEqualTo(401);
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(base + "/slack/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        String command = "command=%2Fask&text=Rafah&channel_id=C0FORGED&user_id=U0ASKER&team_id=T0TEST";
        HttpResponse<String> forgedCommand = post("/slack/commands", "application/x-www-form-urlencoded", command, now,
                signature("not-the-secret", now, command), Map.of());
        assertThat(forgedCommand.statusCode()).isEqualTo(401);

        // A good request sent afterwards is answered; by then the rejected ones would have been too.
        String goodTs = nextTs();
        event(mention("Ev0AFTERFORGED", "C0FORGED", goodTs, null, "Who spoke about Rafah?"),
                Map.of());
        slack.awaitPost(c -> goodTs.equals(c.get("thread_ts")), WAIT);
        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> "C0FORGED".equals(c.get("channel")))
                .extracting(c -> c.get("thread_ts")).containsExactly(goodTs);
    }

    @Test
    void aTimestampFromTheFutureGets401AndNoMessage() throws Exception {
        // The five minutes hold both ways: a request signed for later could be replayed until that time comes.
        long now = Instant.now().getEpochSecond();
        String question = "How many Palestinians have sought refuge in Rafah?";
        for (long ahead : new long[]{400, 365L * 24 * 60 * 60}) {
            String ts = nextTs();
            String body = mention("Ev0FUTURE" + ahead, "C0FUTURE", ts, null, question);
            HttpResponse<String> r = post("/slack/events", "application/json", body, now + ahead,
                    signature(SECRET, now + ahead, body), Map.of());
            assertThat(r.statusCode()).as("an event signed %d s ahead", ahead).isEqualTo(401);
            String command = askBody("C0FUTURE", question);
            HttpResponse<String> c = post("/slack/commands", FORM, command, now + ahead,
                    signature(SECRET, now + ahead, command), Map.of());
            assertThat(c.statusCode()).as("/ask signed %d s ahead", ahead).isEqualTo(401);
        }

        // A clock a minute fast is within the window; by the time its answer is posted the others would be too.
        String skewedTs = nextTs();
        String skewed = mention("Ev0SKEWED", "C0FUTURE", skewedTs, null, "Who spoke about Rafah?");
        HttpResponse<String> r = post("/slack/events", "application/json", skewed, now + 60,
                signature(SECRET, now + 60, skewed), Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        slack.awaitPost(c -> skewedTs.equals(c.get("thread_ts")), WAIT);
        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> "C0FUTURE".equals(c.get("channel")))
                .extracting(c -> c.get("thread_ts")).containsExactly(skewedTs);
    }

    @Test
    void aRetriedEventIsAnsweredOnce() throws Exception {
        String ts = nextTs();
        String body = mention("Ev0RETRIED", "C0RETRY", ts, null, "How many Palestinians have sought refuge in Rafah?");
        assertThat(event(body, Map.of()).statusCode()).isEqualTo(200);
        assertThat(event(body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"))
                .statusCode()).isEqualTo(200);
        assertThat(event(body, Map.of("X-Slack-Retry-Num", "2", "X-Slack-Retry-Reason", "http_timeout"))
                .statusCode()).isEqualTo(200);
        String sentinel = nextTs();
        event(mention("Ev0SENTINEL", "C0RETRY", sentinel, null, "Who spoke about Rafah?"), Map.of());
        slack.awaitPost(c -> ts.equals(c.get("thread_ts")), WAIT);
        slack.awaitPost(c -> sentinel.equals(c.get("thread_ts")), WAIT);
        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> ts.equals(c.get("thread_ts"))).hasSize(1);
    }

    @Test
    void theAskCommandPostsTheQuestionAndAnswersInItsThread() throws Exception {
        String body = "token=unused&team_id=T0TEST&channel_id=C0ASK&channel_name=general&user_id=U0ASKER"
                + "&command=" + URLEncoder.encode("/ask", StandardCharsets.UTF_8)
                + "&text="
                + URLEncoder.encode("How many Palestinians have sought refuge in Rafah?", StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode("http://127.0.0.1:9/unused", StandardCharsets.UTF_8)
                + "&trigger_id=1.2.3";
        HttpResponse<String> r = signed("/slack/commands", "application/x-www-form-urlencoded", body, Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        SlackStandIn.Call question = slack
                .awaitPost(c -> "C0ASK".equals(c.get("channel")) && c.get("thread_ts") == null, WAIT);
        assertThat(question.get("text")).contains("<@U0ASKER>").contains("Rafah");
        SlackStandIn.Call answer = slack.awaitPost(c -> "C0ASK".equals(c.get("channel")) && c.get("thread_ts") != null,
                WAIT);
        assertThat(answer.blocks().toString()).contains(RAFAH_FILE);
    }

    @Test
    void aReplayedAskCommandIsAcknowledgedAndNotAnsweredAgain() throws Exception {
        String body = askBody("C0REPLAY", "How many Palestinians have sought refuge in Rafah?");
        long now = Instant.now().getEpochSecond();
        String sig = signature(SECRET, now, body);
        assertThat(post("/slack/commands", FORM, body, now, sig, Map.of()).statusCode()).isEqualTo(200);
        slack.awaitPost(c -> "C0REPLAY".equals(c.get("channel")) && c.get("thread_ts") != null, WAIT);

        // The same signed request again, as someone who captured it would send it: acknowledged, nothing posted.
        HttpResponse<String> replay = post("/slack/commands", FORM, body, now, sig, Map.of());
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEmpty();

        // A new question posted and answered after the replay: the replay would have posted its question by then.
        signed("/slack/commands", FORM, askBody("C0REPLAY", "Who spoke about Rafah?"), Map.of());
        slack.awaitPost(c -> "C0REPLAY".equals(c.get("channel")) && c.get("thread_ts") == null
                && c.get("text").contains("Who spoke"), WAIT);
        Waits.within(WAIT).untilAsserted(() -> assertThat(slack.posted())
                .filteredOn(c -> "C0REPLAY".equals(c.get("channel")) && c.get("thread_ts") != null)
                .hasSizeGreaterThanOrEqualTo(2));
        assertThat(slack.posted()).filteredOn(c -> "C0REPLAY".equals(c.get("channel")) && c.get("thread_ts") == null)
                .extracting(c -> c.get("text")).filteredOn(t -> t.contains("refuge")).hasSize(1);
    }

    /** Signed events Footnote has no handler for, each carrying {@code marker}; returns the statuses answered. */
    private Map<String, Integer> unhandledEvents(String marker) throws IOException, InterruptedException {
        String fileShare = "{\"type\":\"message\",\"subtype\":\"file_share\",\"channel_type\":\"im\","
                + "\"channel\":\"D0UNHANDLED\",\"user\":\"U0ASKER\",\"text\":\"" + marker + "\",\"ts\":\"" + nextTs()
                + "\","
                + "\"files\":[{\"id\":\"F0TEST\",\"name\":\"" + marker + ".txt\"}]}";
        String root = nextTs();
        String broadcast = "{\"type\":\"message\",\"subtype\":\"thread_broadcast\",\"channel_type\":\"channel\","
                + "\"channel\":\"C0UNHANDLED\",\"user\":\"U0ASKER\",\"text\":\"" + marker + "\",\"ts\":\"" + nextTs()
                + "\","
                + "\"thread_ts\":\"" + root
                + "\",\"root\":{\"type\":\"message\",\"user\":\"U0ASKER\",\"text\":\"Rafah\","
                + "\"ts\":\"" + root + "\",\"thread_ts\":\"" + root + "\"}}";
        String unknown = "{\"type\":\"footnote_unknown_event\",\"channel\":\"C0UNHANDLED\",\"user\":\"U0ASKER\","
                + "\"text\":\"" + marker + "\",\"event_ts\":\"" + nextTs() + "\"}";
        String rateLimited = "{\"token\":\"unused\",\"type\":\"app_rate_limited\",\"team_id\":\"T0TEST\","
                + "\"minute_rate_limited\":1518467820,\"api_app_id\":\"A0TEST\",\"note\":\"" + marker + "\"}";
        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put("file_share", event(callback("Ev0FILE" + marker, fileShare), Map.of()).statusCode());
        statuses.put("thread_broadcast",
                event(callback("Ev0BROADCAST" + marker, broadcast), Map.of()).statusCode());
        statuses.put("unknown", event(callback("Ev0UNKNOWN" + marker, unknown), Map.of()).statusCode());
        statuses.put("app_rate_limited", event(rateLimited, Map.of()).statusCode());
        return statuses;
    }

    @Test
    void signedEventsWithoutAHandlerGet200AndNoMessage() throws Exception {
        // Anything but 2xx makes Slack send the event again, three times, and then turn the subscription off.
        assertThat(unhandledEvents("Ev0UNHANDLED")).containsOnly(Map.entry("file_share", 200),
                Map.entry("thread_broadcast", 200), Map.entry("unknown", 200), Map.entry("app_rate_limited", 200));
        String sentinel = nextTs();
        event(mention("Ev0AFTERUNHANDLED", "C0UNHANDLED", sentinel, null, "Who spoke about Rafah?"),
                Map.of());
        slack.awaitPost(c -> sentinel.equals(c.get("thread_ts")), WAIT);
        assertThat(slack.calls("chat.postMessage"))
                .filteredOn(c -> "D0UNHANDLED".equals(c.get("channel")) || "C0UNHANDLED".equals(c.get("channel")))
                .extracting(c -> c.get("thread_ts")).containsExactly(sentinel);
    }

    @Test
    void aRequestBodyIsNeverLogged() throws Exception {
        String marker = "BodyMarker" + System.nanoTime();
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            unhandledEvents(marker);
            String command = askBody("C0LOGGED", "Who spoke about Rafah? " + marker);
            long now = Instant.now().getEpochSecond();
            String sig = signature(SECRET, now, command);
            post("/slack/commands", FORM, command, now, sig, Map.of());
            post("/slack/commands", FORM, command, now, sig, Map.of());
            post("/slack/commands", FORM, command, now + 400, signature(SECRET, now + 400, command), Map.of());
        } finally {
            System.setErr(saved);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(marker);
        // The command's answer is posted before the next test, which counts chat.postMessage calls.
        slack.awaitPost(c -> "C0LOGGED".equals(c.get("channel")) && c.get("thread_ts") != null, WAIT);
    }

    private int health() throws IOException, InterruptedException {
        return http
                .send(HttpRequest.newBuilder(URI.create(base + "/api/health")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void aPostThatFailsIsRetriedAndTheAnswerArrivesOnce() throws Exception {
        // The first chat.postMessage gets HTTP 500, the next three a connection closed without an answer (OkHttp
        // silently repeats a request once when a pooled connection dies; the other failures reach Footnote's backoff).
        slack.failNext("chat.postMessage", SlackStandIn.Failure.HTTP_500, SlackStandIn.Failure.CLOSE,
                SlackStandIn.Failure.CLOSE, SlackStandIn.Failure.CLOSE);
        String ts = nextTs();
        HttpResponse<String> r = event(mention("Ev0FLAKY", "C0FLAKY", ts, null,
                "How many Palestinians have sought refuge in Rafah?"), Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(health()).isEqualTo(200);

        SlackStandIn.Call answer = slack.awaitPost(c -> ts.equals(c.get("thread_ts")), WAIT);
        assertThat(answer.blocks().toString()).contains("*[1]* `" + RAFAH_FILE + ":");
        assertThat(health()).isEqualTo(200);

        // Once a later question is answered too, the failed one has had every chance to be posted twice.
        String sentinel = nextTs();
        event(mention("Ev0AFTERFLAKY", "C0FLAKY", sentinel, null, "Who spoke about Rafah?"), Map.of());
        slack.awaitPost(c -> sentinel.equals(c.get("thread_ts")), WAIT);
        var attempts = slack.calls("chat.postMessage").stream().filter(c -> ts.equals(c.get("thread_ts"))).toList();
        assertThat(attempts).extracting(SlackStandIn.Call::status).containsExactly(500, 0, 0, 0, 200);
        assertThat(attempts.getLast().get("text")).isEqualTo(answer.get("text"));
    }
}
