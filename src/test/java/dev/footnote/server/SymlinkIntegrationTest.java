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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links that lead out of the articles folder are neither indexed, served, searched nor cited, through a real
 * server over a real index; links that stay inside keep working, and each skipped link is reported once.
 */
class SymlinkIntegrationTest {

    /** A word no sample article has, so any hit on it came from outside the folder. */
    private static final String SECRET = "Quetzalcoatlus owns the vault combination 7731";

    @TempDir
    Path temp;
    private Path articles;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private Footnote footnote;
    private FootnoteServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void collection() throws IOException {
        articles = SampleArticles.copyTo(temp.resolve("articles"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET + ".\n");
        Files.writeString(outside.resolve("notes.txt"), "Quetzalcoatlus kept a second vault in the folder outside.\n");

        Files.createSymbolicLink(articles.resolve("outside.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(articles.resolve("passwd.txt"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(articles.resolve("env.txt"), Path.of("/proc/self/environ"));
        Files.createSymbolicLink(articles.resolve("linked-folder"), outside);
        Files.createSymbolicLink(articles.resolve("loop-a.txt"), articles.resolve("loop-b.txt"));
        Files.createSymbolicLink(articles.resolve("loop-b.txt"), articles.resolve("loop-a.txt"));
        // A link that stays inside the folder keeps working.
        Files.createDirectories(articles.resolve("mirror"));
        Files.createSymbolicLink(articles.resolve("mirror/rafah.txt"), articles.resolve("003_f221ba18038d1787.txt"));
    }

    private void start() throws IOException {
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")).withRetrieval(Retrieval.BM25), log::add);
        footnote.sync();
        server = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop();
        }
        if (footnote != null) {
            footnote.close();
        }
        http.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode ask(String question) throws IOException, InterruptedException {
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/ask"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":" + Json.write(question) + "}"))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private List<String> searchedFiles(String query) throws IOException, InterruptedException {
        var r = get("/api/search?k=50&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> files = new ArrayList<>();
        // A hit's folded near-duplicates are places it was found too.
        Json.MAPPER.readTree(r.body()).path("results").forEach(h -> {
            files.add(h.path("file").asText());
            h.path("also_in").forEach(f -> files.add(f.path("file").asText()));
        });
        return files;
    }

    private static List<String> cited(JsonNode answer) {
        List<String> files = new ArrayList<>();
        answer.path("citations").forEach(c -> files.add(c.path("file").asText()));
        return files;
    }

    private long linesAbout(String name) {
        return log.stream().filter(l -> l.startsWith("skipped " + name + ":")).count();
    }

    @Test
    void linksOutOfTheFolderAreNeitherServedSearchedNorCited() throws Exception {
        start();
        Set<String> outsiders = Set.of("outside.txt", "passwd.txt", "env.txt", "linked-folder/secret.txt",
                "linked-folder/notes.txt", "loop-a.txt", "loop-b.txt");
        for (String name : outsiders) {
            assertThat(get("/api/articles/" + name).statusCode()).as(name).isEqualTo(404);
        }
        assertThat(footnote.index().indexedFiles().keySet()).doesNotContainAnyElementsOf(outsiders);

        assertThat(searchedFiles("Quetzalcoatlus vault combination")).isEmpty();
        assertThat(searchedFiles("root daemon bin nologin bash")).doesNotContain("passwd.txt");
        assertThat(searchedFiles("PATH HOME JAVA")).doesNotContain("env.txt");
        JsonNode secret = ask("Who owns the vault combination?");
        assertThat(cited(secret)).doesNotContainAnyElementsOf(outsiders);
        assertThat(secret.path("answer").asText()).doesNotContain("7731");
        assertThat(cited(ask("What is the login shell of root?"))).doesNotContain("passwd.txt");

        // The link inside the folder is an article like any other.
        assertThat(get("/api/articles/mirror/rafah.txt").statusCode()).isEqualTo(200);
        assertThat(searchedFiles("sought refuge in Rafah")).contains("mirror/rafah.txt");

        // One line each, and not again at the next pass.
        footnote.sync();
        for (String name : List.of("outside.txt", "passwd.txt", "env.txt", "linked-folder", "loop-a.txt",
                "loop-b.txt")) {
            assertThat(linesAbout(name)).as("lines about %s in %s", name, log).isEqualTo(1);
        }
        assertThat(log).filteredOn(l -> l.contains("mirror")).isEmpty();
    }

    @Test
    void aFileSwappedForALinkOutIsDroppedAtTheNextPassAndBackAgain() throws Exception {
        Path swap = articles.resolve("swap.txt");
        Files.writeString(swap, "The harbour pilot Ottoline Brisk guided the ferry into port.\n");
        start();
        assertThat(searchedFiles("Ottoline Brisk harbour pilot")).contains("swap.txt");

        // Between two passes the file becomes a link to a secret outside.
        Files.delete(swap);
        Files.createSymbolicLink(swap, temp.resolve("outside/secret.txt"));
        footnote.sync();
        assertThat(get("/api/articles/swap.txt").statusCode()).isEqualTo(404);
        assertThat(searchedFiles("Quetzalcoatlus vault combination")).isEmpty();
        assertThat(linesAbout("swap.txt")).isEqualTo(1);

        // And a link replaced by a real file is indexed again.
        Files.delete(swap);
        Files.writeString(swap, "The harbour pilot Ottoline Brisk retired after forty years.\n");
        footnote.sync();
        assertThat(get("/api/articles/swap.txt").statusCode()).isEqualTo(200);
        assertThat(searchedFiles("Ottoline Brisk retired")).contains("swap.txt");
    }
}
