package dev.footnote.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.json.Json;
import dev.footnote.retrieve.Retrieval;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversations through the real server over a real index on disk, across a restart: the server and the index are
 * closed and opened again on the same folder, and a follow-up sent with the old conversation id continues it.
 */
class ConversationRestartIntegrationTest {

    private static final String FIRST = "Which Egyptian official met the Hamas delegation?";
    private static final String FOLLOW_UP = "Where did he meet them?";

    @TempDir
    Path temp;
    private Footnote footnote;
    private FootnoteServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Opens the collection and serves it, as {@code footnote serve} does after a start. */
    private String start() throws IOException {
        Path articles = temp.resolve("articles");
        if (!Files.exists(articles)) {
            SampleArticles.copyTo(articles);
        }
        // BM25 keeps the test quick: no embedding model to load at each start.
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")).withRetrieval(Retrieval.BM25), line -> {});
        footnote.sync();
        server = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        return "http://127.0.0.1:" + server.port();
    }

    private void stop() throws IOException {
        server.stop();
        footnote.close();
        server = null;
        footnote = null;
    }

    @AfterEach
    void tearDown() throws IOException {
        if (server != null) {
            stop();
        }
        http.close();
    }

    private HttpResponse<String> post(String base, Map<String, Object> body, String accept)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/ask")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode ask(String base, Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<String> r = post(base, body, "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private int delete(String base, String id) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/conversations/" + id)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aRestartedServerContinuesTheConversationAndSaysSo() throws Exception {
        String base = start();
        JsonNode first = ask(base, Map.of("question", FIRST));
        assertThat(first.get("conversation_status").asText()).isEqualTo("new");
        String id = first.get("conversation_id").asText();
        stop();
        assertThat(temp.resolve("index/conversations")).isDirectoryContaining("glob:**.json");

        base = start();
        JsonNode followUp = ask(base, Map.of("question", FOLLOW_UP, "conversation_id", id));
        assertThat(followUp.get("conversation_status").asText()).isEqualTo("continued");
        assertThat(followUp.get("conversation_id").asText()).isEqualTo(id);
        assertThat(followUp.get("search_query").asText()).isEqualTo("Where did Abbas Kamel meet the Hamas delegation?");
        assertThat(followUp.get("answer").asText()).contains("Cairo");

        // The streamed answer carries the status too, in its last event.
        HttpResponse<String> streamed = post(base, Map.of("question", "What did they discuss there?",
                "conversation_id", id), "text/event-stream");
        assertThat(streamed.statusCode()).isEqualTo(200);
        String last = streamed.body().substring(streamed.body().lastIndexOf("event: answer"));
        JsonNode answer = Json.MAPPER.readTree(last.substring(last.indexOf("data: ") + 6).strip());
        assertThat(answer.get("conversation_status").asText()).isEqualTo("continued");
        assertThat(answer.get("search_query").asText()).isEqualTo("What did the Hamas delegation discuss in Cairo?");
    }

    @Test
    void aConversationGoneOrUnknownIsExpiredAndDeletionForgetsOne() throws Exception {
        String base = start();
        String id = ask(base, Map.of("question", FIRST)).get("conversation_id").asText();
        assertThat(delete(base, id)).isEqualTo(204);
        assertThat(delete(base, id)).isEqualTo(404);
        assertThat(temp.resolve("index/conversations")).isEmptyDirectory();

        JsonNode afterDelete = ask(base, Map.of("question", FOLLOW_UP, "conversation_id", id));
        assertThat(afterDelete.get("conversation_status").asText()).isEqualTo("expired");
        // Nothing to read it by: it is searched as asked, and the id goes on from here.
        assertThat(afterDelete.get("search_query").asText()).isEqualTo(FOLLOW_UP);
        assertThat(ask(base, Map.of("question", FIRST, "conversation_id", id)).get("conversation_status").asText())
                .isEqualTo("continued");

        JsonNode unknown = ask(base, Map.of("question", FIRST, "conversation_id", "never-given-out"));
        assertThat(unknown.get("conversation_status").asText()).isEqualTo("expired");
        assertThat(delete(base, "x".repeat(101))).isEqualTo(400);
    }

    @Test
    void anEditedSearchIsSearchedAsGivenAndCheckedLikeAQuestion() throws Exception {
        String base = start();
        String id = ask(base, Map.of("question", FIRST)).get("conversation_id").asText();
        JsonNode edited = ask(base, Map.of("question", FOLLOW_UP, "conversation_id", id, "search_query",
                "Where did the Hamas delegation meet Abbas Kamel?"));
        assertThat(edited.get("search_query").asText()).isEqualTo("Where did the Hamas delegation meet Abbas Kamel?");
        assertThat(edited.get("answered").asBoolean()).isTrue();

        HttpResponse<String> notText = post(base, Map.of("question", FOLLOW_UP, "search_query", 5), "application/json");
        assertThat(notText.statusCode()).isEqualTo(400);
        assertThat(notText.body()).contains("search_query must be a string");
        HttpResponse<String> empty = post(base, Map.of("question", FOLLOW_UP, "search_query", "  "),
                "application/json");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("search_query must not be empty");
        HttpResponse<String> tooLong = post(base, Map.of("question", FOLLOW_UP, "search_query", "x".repeat(2001)),
                "application/json");
        assertThat(tooLong.statusCode()).isEqualTo(413);
        assertThat(tooLong.body()).contains("question_too_long");
    }

    /** A page on another allowed origin may remove a conversation: the preflight lets DELETE through. */
    @Test
    void anAllowedOriginMayDeleteAConversation() throws Exception {
        start();
        server.stop();
        server = new FootnoteServer(footnote.service(), footnote)
                .with(ServerOptions.DEFAULTS.withCorsOrigins(java.util.List.of("https://app.example")))
                .start("127.0.0.1", 0);
        HttpResponse<String> preflight = http.send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/conversations/abc"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "DELETE").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("DELETE");
    }
}
