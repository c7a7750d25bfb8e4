package dev.footnote.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.ask.Asker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack over Socket Mode, end to end with the official client: Bolt's {@code SocketModeApp} (Java-WebSocket
 * backend) asks the stand-in Web API's {@code apps.connections.open} for a WebSocket URL with the app-level
 * token, connects to a stand-in Socket Mode server, takes an {@code events_api} envelope, acknowledges it with
 * its {@code envelope_id}, and posts the threaded answer through {@code chat.postMessage}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackSocketModeTest {

    private static final String TOKEN = "xoxb-test-token-not-real";
    private static final String APP_TOKEN = "xapp-1-test-app-token-not-real";
    private static final String RAFAH_FILE = "003_f221ba18038d1787.txt";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Footnote footnote;
    private SlackStandIn slack;
    private SocketModeStandIn socket;
    private SlackBot bot;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        Path articles = temp.resolve("articles");
        SampleArticles.copyTo(articles);
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")), line -> {});
        footnote.sync();
        slack = new SlackStandIn(TOKEN);
        socket = new SocketModeStandIn();
        slack.socketMode(APP_TOKEN, socket.url());
        // No signing secret: Socket Mode does not need one.
        bot = new SlackBot(new SlackSettings(null, TOKEN, APP_TOKEN, true, slack.apiUrl()),
                Asker.of(footnote.service()), Duration.ofMillis(50)).start();
    }

    @AfterAll
    void stop() throws IOException {
        if (bot != null) {
            bot.close();
        }
        if (socket != null) {
            socket.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (footnote != null) {
            footnote.close();
        }
    }

    private static String envelope(String envelopeId, int retryAttempt, String payload) {
        return "{\"envelope_id\":\"" + envelopeId + "\",\"type\":\"events_api\",\"accepts_response_payload\":false,"
                + "\"retry_attempt\":" + retryAttempt + ",\"retry_reason\":\"" + (retryAttempt == 0 ? "" : "timeout")
                + "\",\"payload\":" + payload + "}";
    }

    private static boolean ackOf(String message, String envelopeId) {
        try {
            JsonNode m = JSON.readTree(message);
            return envelopeId.equals(m.path("envelope_id").asText());
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aMentionOverSocketModeIsAcknowledgedAndAnsweredInItsThread() throws Exception {
        socket.awaitConnection(WAIT);
        // The URL came from apps.connections.open, called with the app-level token (not the bot token).
        assertThat(slack.calls("apps.connections.open")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + APP_TOKEN));
        assertThat(socket.paths()).anyMatch(p -> p.startsWith("/link/?ticket=test-ticket"));

        String ts = "1699999999.100001";
        String payload = SlackIntegrationTest.mention("Ev0SOCKET", "C0SOCKET", ts, null,
                "How many Palestinians have sought refuge in Rafah?");
        socket.send(envelope("env-0001", 0, payload));

        String ack = socket.awaitReceived(m -> ackOf(m, "env-0001"), WAIT);
        // A plain acknowledgement: the envelope's id and nothing to show in Slack.
        assertThat(JSON.readTree(ack).path("payload").isMissingNode()).isTrue();

        SlackStandIn.Call post = slack.awaitPost(c -> ts.equals(c.get("thread_ts")), WAIT);
        assertThat(post.get("channel")).isEqualTo("C0SOCKET");
        assertThat(post.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(post.get("text")).contains("[1]").contains("1.5 million Palestinians");
        assertThat(post.blocks().toString()).contains("Sources").contains("*[1]* `" + RAFAH_FILE + ":");

        // Slack redelivers the same event in a new envelope: acknowledged again, answered once.
        socket.send(envelope("env-0002", 1, payload));
        socket.awaitReceived(m -> ackOf(m, "env-0002"), WAIT);
        String sentinelTs = "1699999999.100002";
        socket.send(envelope("env-0003", 0, SlackIntegrationTest.mention("Ev0SOCKET2", "C0SOCKET", sentinelTs, null,
                "Who spoke about Rafah?")));
        slack.awaitPost(c -> sentinelTs.equals(c.get("thread_ts")), WAIT);
        assertThat(slack.posted()).filteredOn(c -> ts.equals(c.get("thread_ts"))).hasSize(1);
    }
}
