package dev.footnote.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.Waits;
import dev.footnote.Watched;
import dev.footnote.answer.Answer;
import dev.footnote.answer.Citation;
import dev.footnote.retrieve.Retrieval;
import dev.footnote.server.FootnoteServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A served collection follows its folder: an article added, changed, renamed or deleted is searchable (or gone)
 * within moments, a burst of changes is one pass, health shows the state and {@code POST /api/reindex} forces a pass.
 */
class FolderWatcherTest {

    @TempDir
    Path temp;

    @Test
    void changesInTheFolderReachAnswersInBatches() throws Exception {
        Path articles = temp.resolve("articles");
        Files.createDirectories(articles);
        Files.writeString(articles.resolve("river.txt"),
                "# River\n\nThe river floods every spring after the snow melts.\n");
        List<String> log = new ArrayList<>();
        try (Footnote footnote = Footnote.open(Config.of(articles, temp.resolve("index")).withRetrieval(Retrieval.BM25),
                line -> {})) {
            footnote.sync();
            int[] passes = {0};
            FolderWatcher watcher = new FolderWatcher(footnote.files(), () -> {
                passes[0]++;
                return footnote.sync();
            }, line -> {
                synchronized (log) {
                    log.add(line);
                }
            }, 40, 400).start(true);
            FootnoteServer server = new FootnoteServer(footnote.service(), Watched.by(footnote, watcher))
                    .start("127.0.0.1", 0);
            try (HttpClient http = HttpClient.newHttpClient()) {
                // Added: a burst of ten files is indexed in one pass.
                int before = passes[0];
                for (int i = 0; i < 10; i++) {
                    Files.writeString(articles.resolve("bridge" + i + ".txt"),
                            "# Bridge " + i + "\n\nThe bridge number " + i + " was painted ochre" + i + " in 1931.\n");
                }
                awaitTrue(() -> stats(footnote) == 11);
                assertThat(passes[0] - before).isBetween(1, 2);
                assertThat(cites(footnote, "Which bridge was painted ochre3?")).contains("bridge3.txt");

                // Changed: the new lines are cited, the old words are gone.
                Files.writeString(articles.resolve("bridge3.txt"),
                        "# Bridge 3\n\nLater\n\nThe bridge was repainted teal7 in 1990.\n");
                awaitTrue(() -> cites(footnote, "Which bridge was repainted teal7?").contains("bridge3.txt"));
                assertThat(cites(footnote, "Which bridge was painted ochre3?")).doesNotContain("bridge3.txt");

                // Renamed and deleted: not cited under the old name even before the next pass.
                Files.move(articles.resolve("bridge4.txt"), articles.resolve("tower4.txt"));
                Files.delete(articles.resolve("bridge5.txt"));
                awaitTrue(() -> cites(footnote, "Which bridge was painted ochre4?").contains("tower4.txt"));
                awaitTrue(() -> stats(footnote) == 10);
                assertThat(cites(footnote, "Which bridge was painted ochre5?")).doesNotContain("bridge5.txt");
                assertThat(cites(footnote, "Which bridge was painted ochre4?")).doesNotContain("bridge4.txt");

                // A copy is folded into its original; once deleted, it is not cited as "also in" either.
                Files.copy(articles.resolve("bridge6.txt"), articles.resolve("copy6.txt"));
                awaitTrue(() -> cites(footnote, "Which bridge was painted ochre6?").contains("copy6.txt"));
                Files.delete(articles.resolve("copy6.txt"));
                assertThat(cites(footnote, "Which bridge was painted ochre6?")).contains("bridge6.txt")
                        .doesNotContain("copy6.txt");
                awaitTrue(() -> stats(footnote) == 10);

                // Health shows the index's state; a forced pass is accepted.
                JsonNode health = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(health.path("articles").asInt()).isEqualTo(10);
                assertThat(health.path("index").path("watching").asBoolean()).isTrue();
                assertThat(health.path("index").path("pending_changes").asInt()).isZero();
                assertThat(health.path("index").path("last_pass").asText()).isNotEmpty();
                int passesBefore = passes[0];
                var reindex = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/reindex"))
                                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(reindex.statusCode()).isEqualTo(202);
                awaitTrue(() -> passes[0] > passesBefore);
                String metrics = http
                        .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                                .build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(metrics).contains("footnote_index_pending_changes 0.0", "footnote_index_update_lag_seconds",
                        "footnote_index_update_delay_seconds_count");
            } finally {
                server.stop();
                watcher.close();
            }
        }
    }

    private static int stats(Footnote footnote) {
        try {
            return footnote.index().stats().articles();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> cites(Footnote footnote, String question) {
        try {
            Answer a = footnote.service().ask(question, 5, null);
            for (Citation c : a.citations()) {
                // Every citation names a file that exists and quotes its current lines.
                List<String> lines = Files.readAllLines(footnote.files().root().resolve(c.file()));
                assertThat(String.join("\n", lines.subList(c.startLine() - 1, c.endLine())))
                        .contains(c.quote().split(" ", 2)[0]);
            }
            return a.citations().stream().map(Citation::file).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Waits.within(Duration.ofSeconds(20)).until(condition::getAsBoolean);
    }
}
