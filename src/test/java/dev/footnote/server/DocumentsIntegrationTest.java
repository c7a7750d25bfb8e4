package dev.footnote.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.Formats;
import dev.footnote.json.Json;
import dev.footnote.retrieve.Retrieval;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's folder: a web page, a PDF and a Word file. Served for real (Lucene on disk, the server on a loopback
 * port, documents parsed in the child process); answers cite the extracted lines and where they sit in the
 * original, and the article endpoint shows that text with its origins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsIntegrationTest {

    private static final String HTML = "001_3cabf72616562acd.html";
    private static final String PDF = "003_f221ba18038d1787.pdf";
    private static final String DOCX = "004_8ee1bc03666afbd8.docx";

    private Path articles;
    private Footnote footnote;
    private FootnoteServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        articles = Files.createDirectories(temp.resolve("my-articles"));
        Files.copy(Formats.FOLDER.resolve("html").resolve(HTML), articles.resolve(HTML));
        Files.copy(Formats.FOLDER.resolve("pdf").resolve(PDF), articles.resolve(PDF));
        Files.copy(Formats.FOLDER.resolve("docx").resolve(DOCX), articles.resolve(DOCX));
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")).withRetrieval(Retrieval.BM25), s -> {});
        footnote.sync();
        server = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.stop();
        }
        if (footnote != null) {
            footnote.close();
        }
        http.close();
    }

    private JsonNode ask(String question) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/ask"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(java.util.Map.of("question", question)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void anAnswerFromThePdfNamesItsPage() throws Exception {
        JsonNode answer = ask("How many Palestinians have sought refuge in Rafah?");
        assertThat(answer.path("answered").asBoolean()).isTrue();
        JsonNode c = answer.path("citations").get(0);
        assertThat(c.path("file").asText()).isEqualTo(PDF);
        assertThat(c.path("quote").asText()).contains("1.5 million Palestinians");
        assertThat(c.path("page").asInt()).isEqualTo(1);
        assertThat(c.path("page_line").asInt()).isPositive();
        assertThat(c.has("source_line")).isFalse();

        // The click-through: the extracted lines around the citation, each with its page.
        int line = c.path("start_line").asInt();
        JsonNode article = get("/api/articles/" + PDF + "?start=" + line + "&end=" + line);
        assertThat(article.path("format").asText()).isEqualTo("pdf");
        assertThat(article.path("document_title").asText()).contains("Hamas Delegation in Cairo");
        JsonNode cited = article.path("lines").get(0);
        assertThat(cited.path("text").asText()).isEqualTo(c.path("quote").asText());
        assertThat(cited.path("page").asInt()).isEqualTo(1);
        assertThat(cited.path("page_line").asInt()).isEqualTo(c.path("page_line").asInt());
    }

    @Test
    void anAnswerFromTheWebPageNamesItsSourceLine() throws Exception {
        JsonNode answer = ask("Where will the Hamas delegation consult with the movement's leadership?");
        JsonNode c = answer.path("citations").get(0);
        assertThat(c.path("file").asText()).isEqualTo(HTML);
        List<String> source = Files.readAllLines(articles.resolve(HTML));
        String atSource = Parser.unescapeEntities(source.get(c.path("source_line").asInt() - 1), false);
        assertThat(atSource).contains(c.path("quote").asText().substring(0, 30));
        assertThat(c.has("page")).isFalse();
    }

    @Test
    void anAnswerFromTheWordFileNamesItsParagraph() throws Exception {
        JsonNode answer = ask("Which two delegations arrived separately to the Gaza Strip?");
        JsonNode c = answer.path("citations").get(0);
        assertThat(c.path("file").asText()).isEqualTo(DOCX);
        assertThat(c.path("paragraph").asInt()).isGreaterThan(1);
        JsonNode article = get("/api/articles/" + DOCX);
        assertThat(article.path("format").asText()).isEqualTo("docx");
        assertThat(article.path("document_title").asText())
                .isEqualTo("“No breakthroughs” in the “Hamas” meetings in Cairo");
    }

    @Test
    void anAnswerFromATextFileIsUnchanged() throws Exception {
        JsonNode article = get("/api/articles/" + PDF + "?start=1&end=1");
        assertThat(article.path("line_count").asInt()).isGreaterThan(10);
        JsonNode refused = ask("What is the population of Lisbon?");
        assertThat(refused.path("answered").asBoolean()).isFalse();
    }
}
