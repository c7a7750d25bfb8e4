package dev.footnote.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.Waits;
import dev.footnote.answer.Answer;
import dev.footnote.answer.Citation;
import dev.footnote.ask.Asker;
import dev.footnote.server.FootnoteServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telegram end to end: the TelegramBots client against a stand-in Bot API that records what it gets. One bot
 * long-polls and answers from the real index; another takes updates at the real server's webhook and answers
 * from a scripted asker whose text is full of HTML's special characters, or 5,000 characters long.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelegramIntegrationTest {

    private static final String TOKEN = "123456:TEST-token-not-real";
    private static final String SECRET = "webhook-secret-for-tests";
    private static final String RAFAH_FILE = "003_f221ba18038d1787.txt";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HOSTILE = "Shares of AT&T rose <5%> after the \"deal\" [1].";
    static final String HOSTILE_QUOTE = "<b>Not bold</b> & <script>alert(1)</script>";

    private Footnote footnote;
    private FootnoteServer server;
    private TelegramStandIn telegram;
    private TelegramBot polling;
    private TelegramBot webhook;
    private HttpClient http;
    private String base;
    private final AtomicInteger ids = new AtomicInteger(1000);

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        Path articles = temp.resolve("articles");
        SampleArticles.copyTo(articles);
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")), line -> {});
        footnote.sync();
        telegram = new TelegramStandIn(TOKEN);
        polling = new TelegramBot(new TelegramSettings(TOKEN, false, null, null, telegram.apiUrl()),
                Asker.of(footnote.service()), Duration.ofMillis(50)).start();
        webhook = new TelegramBot(new TelegramSettings(TOKEN, true, SECRET, null, telegram.apiUrl()),
                TelegramIntegrationTest::scripted, Duration.ofMillis(50)).start();
        server = new FootnoteServer(footnote.service(), footnote).withWebhook(webhook).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    void stop() throws IOException {
        for (AutoCloseable c : new AutoCloseable[]{polling, webhook, telegram}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing in a test
            }
        }
        if (server != null) {
            server.stop();
        }
        if (footnote != null) {
            footnote.close();
        }
    }

    static Answer scripted(String question, String conversationId) {
        if (question.contains("long")) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; text.length() < 5000; i++) {
                text.append("Sentence number ").append(i).append(" says something about the articles & more [1]. ");
            }
            String answer = text.substring(0, 5000);
            return new Answer(answer, true, List.of(new Citation(1, "000_a.txt", 3, 4, HOSTILE_QUOTE, 0.9)),
                    List.of(), 0, conversationId, question, "scripted", null, null);
        }
        return new Answer(HOSTILE, true, List.of(new Citation(1, "001_b.txt", 7, 7, HOSTILE_QUOTE, 0.8)),
                List.of(), 0, conversationId, question, "scripted", null, null);
    }

    private ObjectNode update(long chatId, String chatType, String text) {
        ObjectNode update = JSON.createObjectNode().put("update_id", ids.incrementAndGet());
        ObjectNode message = update.putObject("message");
        message.put("message_id", ids.incrementAndGet()).put("date", 1_700_000_000L);
        message.putObject("chat").put("id", chatId).put("type", chatType);
        message.putObject("from").put("id", 42L).put("is_bot", false).put("first_name", "Ann");
        message.put("text", text);
        return update;
    }

    private HttpResponse<String> postWebhook(JsonNode update, String secret) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/telegram/webhook"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(update)));
        if (secret != null) {
            b.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int messageId(JsonNode update) {
        return update.path("message").path("message_id").asInt();
    }

    private static boolean repliesTo(TelegramStandIn.Call c, JsonNode update) {
        return c.body().path("reply_parameters").path("message_id").asInt() == messageId(update);
    }

    @Test
    void anUpdateByLongPollingGetsAnHtmlAnswerWithSources() throws Exception {
        ObjectNode update = update(555L, "private", "How many Palestinians have sought refuge in Rafah?");
        telegram.queue(update);
        TelegramStandIn.Call reply = telegram.await("sendMessage", c -> repliesTo(c, update), WAIT);
        assertThat(reply.body().path("chat_id").asText()).isEqualTo("555");
        assertThat(reply.body().path("parse_mode").asText()).isEqualToIgnoringCase("HTML");
        String text = reply.body().path("text").asText();
        assertThat(text).contains("1.5 million Palestinians").contains("[1]").contains("<b>Sources</b>")
                .contains("<code>" + RAFAH_FILE + ":");
        assertThat(telegram.calls("sendChatAction")).anyMatch(c -> c.body().path("chat_id").asText().equals("555")
                && c.body().path("action").asText().equals("typing"));
        assertThat(footnote.service().conversations().history("telegram:555")).hasSize(1);
    }

    @Test
    void inAGroupOnlyAMentionIsAnswered() throws Exception {
        ObjectNode ignored = update(-100777L, "supergroup", "How many Palestinians have sought refuge in Rafah?");
        ObjectNode mentioned = update(-100777L, "supergroup",
                "@" + TelegramStandIn.BOT_NAME + " How many Palestinians have sought refuge in Rafah?");
        ((ObjectNode) mentioned.path("message")).putArray("entities").addObject()
                .put("type", "mention").put("offset", 0).put("length", TelegramStandIn.BOT_NAME.length() + 1);
        telegram.queue(ignored);
        telegram.queue(mentioned);
        telegram.await("sendMessage", c -> repliesTo(c, mentioned), WAIT);
        assertThat(telegram.calls("sendMessage")).noneMatch(c -> repliesTo(c, ignored));
    }

    @Test
    void theWebhookWithTheRightSecretGetsEscapedHtml() throws Exception {
        ObjectNode update = update(556L, "private", "What happened to the shares?");
        assertThat(postWebhook(update, SECRET).statusCode()).isEqualTo(200);
        TelegramStandIn.Call reply = telegram.await("sendMessage", c -> repliesTo(c, update), WAIT);
        String text = reply.body().path("text").asText();
        assertThat(reply.body().path("parse_mode").asText()).isEqualToIgnoringCase("HTML");
        assertThat(text).contains("Shares of AT&amp;T rose &lt;5%&gt; after the &quot;deal&quot; [1].");
        assertThat(text).contains("&lt;b&gt;Not bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(text).doesNotContain("<script>").doesNotContain("AT&T");
        assertThat(text).contains("<code>001_b.txt:7</code>");
    }

    @Test
    void theWebhookWithAWrongOrMissingSecretGets401AndNoReply() throws Exception {
        ObjectNode wrong = update(557L, "private", "What happened to the shares?");
        assertThat(postWebhook(wrong, "not-the-secret").statusCode()).isEqualTo(401);
        ObjectNode missing = update(557L, "private", "What happened to the shares?");
        assertThat(postWebhook(missing, null).statusCode()).isEqualTo(401);
        ObjectNode good = update(557L, "private", "What happened to the shares?");
        assertThat(postWebhook(good, SECRET).statusCode()).isEqualTo(200);
        telegram.await("sendMessage", c -> repliesTo(c, good), WAIT);
        assertThat(telegram.calls("sendMessage")).filteredOn(c -> c.body().path("chat_id").asText().equals("557"))
                .hasSize(1);
    }

    @Test
    void aFiveThousandCharacterAnswerIsSplit() throws Exception {
        ObjectNode update = update(558L, "private", "Give me the long answer");
        assertThat(postWebhook(update, SECRET).statusCode()).isEqualTo(200);
        telegram.await("sendMessage", c -> c.body().path("chat_id").asText().equals("558")
                && c.body().path("text").asText().contains("<b>Sources</b>"), WAIT);
        List<String> parts = telegram.calls("sendMessage").stream()
                .filter(c -> c.body().path("chat_id").asText().equals("558"))
                .map(c -> c.body().path("text").asText()).toList();
        assertThat(parts).hasSize(2);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(TelegramReply.MAX_MESSAGE));
        // Cut between words: every part ends and starts on a whole word, and together they hold all the text.
        assertThat(parts.get(0)).endsWith("[1].").doesNotContain("<b>Sources</b>");
        assertThat(String.join(" ", parts)).contains("Sentence number 0 says").contains("&amp; more [1]");
        assertThat(parts.get(1)).contains("<code>000_a.txt:3-4</code>");
    }

    @Test
    void startAndHelpExplain() throws Exception {
        ObjectNode update = update(559L, "private", "/start");
        assertThat(postWebhook(update, SECRET).statusCode()).isEqualTo(200);
        TelegramStandIn.Call reply = telegram.await("sendMessage", c -> repliesTo(c, update), WAIT);
        assertThat(reply.body().path("text").asText()).contains("cite the file and lines");
    }

    private int health() throws Exception {
        return http
                .send(HttpRequest.newBuilder(URI.create(base + "/api/health")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void aFailedSendMessageIsRetriedAndWaitsAsLongAsTelegramAsks() throws Exception {
        telegram.failNext("sendMessage", TelegramStandIn.Failure.SERVER_ERROR,
                TelegramStandIn.Failure.tooManyRequests(1));
        ObjectNode update = update(560L, "private", "What happened to the shares?");
        assertThat(postWebhook(update, SECRET).statusCode()).isEqualTo(200);
        assertThat(health()).isEqualTo(200);

        TelegramStandIn.Call reply = telegram.await("sendMessage", c -> repliesTo(c, update), WAIT);
        assertThat(reply.body().path("text").asText()).contains("Shares of AT&amp;T rose &lt;5%&gt;");
        List<TelegramStandIn.Call> attempts = telegram.calls("sendMessage").stream()
                .filter(c -> repliesTo(c, update)).toList();
        assertThat(attempts).extracting(TelegramStandIn.Call::status).containsExactly(500, 429, 200);
        // After the 429 it waited the second Telegram asked for (the backoff alone would have waited 100 ms).
        long waited = attempts.get(2).nanos() - attempts.get(1).nanos();
        assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(health()).isEqualTo(200);
    }

    @Test
    void longPollingOutlivesGetUpdatesFailing() throws Exception {
        int failures = 4;
        long failedBefore = telegram.calls("getUpdates").stream().filter(c -> c.status() == 502).count();
        TelegramStandIn.Failure[] badGateway = new TelegramStandIn.Failure[failures];
        java.util.Arrays.fill(badGateway, TelegramStandIn.Failure.BAD_GATEWAY);
        telegram.failNext("getUpdates", badGateway);

        // Wait until every failure has been served, checking that the server stays up meanwhile.
        Waits.within(WAIT).alias("getUpdates failures served in time").until(() -> {
            assertThat(health()).isEqualTo(200); // fails the test at once: Awaitility retries only a false
            return telegram.calls("getUpdates").stream().filter(c -> c.status() == 502).count() >= failedBefore
                    + failures;
        });
        long lastFailure = telegram.calls("getUpdates").stream().filter(c -> c.status() == 502)
                .mapToLong(TelegramStandIn.Call::nanos).max().orElseThrow();

        ObjectNode update = update(561L, "private", "How many Palestinians have sought refuge in Rafah?");
        telegram.queue(update);
        TelegramStandIn.Call reply = telegram.await("sendMessage", c -> repliesTo(c, update), WAIT);
        assertThat(reply.body().path("text").asText()).contains("1.5 million Palestinians");
        assertThat(telegram.calls("getUpdates")).anyMatch(c -> c.status() == 200 && c.nanos() > lastFailure);
        assertThat(health()).isEqualTo(200);
    }
}
