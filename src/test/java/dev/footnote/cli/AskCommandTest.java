package dev.footnote.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.SampleArticles;
import dev.footnote.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ask} and {@code index} commands run in-process through {@link Main#run}, with standard output and
 * standard error captured: results on stdout (the JSON answer as the last line with {@code --json}), logs on
 * stderr.
 */
class AskCommandTest {

    private static final String RAFAH_FILE = "003_f221ba18038d1787.txt";
    private static final String RAFAH_QUESTION = "How many Palestinians have sought refuge in Rafah?";
    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");
    private static final Pattern CITATION_LINE = Pattern.compile("^\\[(\\d+)] (\\S+):(\\d+)(?:-(\\d+))?  \"(.*)\"$");

    @TempDir
    Path temp;

    private Path articles;
    private Path index;

    private record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    @BeforeEach
    void copyArticles() throws IOException {
        articles = temp.resolve("articles");
        index = temp.resolve("index");
        SampleArticles.copyTo(articles);
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.run(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run ask(String... extra) {
        String[] args = new String[4 + extra.length + 1];
        args[0] = "ask";
        args[1] = "--articles";
        args[2] = articles.toString();
        args[3] = "--index";
        args[4] = index.toString();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return run(args);
    }

    private List<String> fileLines(String file) throws IOException {
        return Files.readAllLines(articles.resolve(file), StandardCharsets.UTF_8);
    }

    private static Set<Integer> markers(String text) {
        Set<Integer> markers = new HashSet<>();
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            markers.add(Integer.parseInt(m.group(1)));
        }
        return markers;
    }

    private JsonNode lastLineJson(Run r) throws IOException {
        List<String> lines = r.outLines();
        assertThat(lines).as("stdout (stderr: %s)", r.err()).isNotEmpty();
        return Json.MAPPER.readTree(lines.get(lines.size() - 1));
    }

    private void assertAnswerContract(JsonNode a) throws IOException {
        assertThat(a.path("answer").isTextual()).as("answer in %s", a).isTrue();
        assertThat(a.path("answered").isBoolean()).as("answered in %s", a).isTrue();
        assertThat(a.path("citations").isArray()).as("citations in %s", a).isTrue();
        assertThat(a.path("conversation_id").asText()).isNotBlank();
        assertThat(a.path("model").asText()).isEqualTo("extractive");
        for (String stage : List.of("retrieve", "answer", "total")) {
            assertThat(a.path("timings_ms").path(stage).isNumber()).as("timings_ms.%s in %s", stage, a).isTrue();
        }
        Set<Integer> ids = new HashSet<>();
        for (JsonNode c : a.path("citations")) {
            ids.add(c.path("id").asInt());
            String file = c.path("file").asText();
            assertThat(articles.resolve(file)).exists();
            int start = c.path("start_line").asInt();
            int end = c.path("end_line").asInt();
            List<String> lines = fileLines(file);
            assertThat(start).isBetween(1, lines.size());
            assertThat(end).isBetween(start, lines.size());
            assertThat(c.path("quote").asText()).isEqualTo(String.join("\n", lines.subList(start - 1, end)));
            assertThat(c.path("score").isNumber()).isTrue();
        }
        assertThat(ids).hasSize(a.path("citations").size());
        assertThat(markers(a.path("answer").asText())).as("markers vs ids in %s", a).isEqualTo(ids);
    }

    @Test
    void jsonAnswerIsTheLastLineOfStdout() throws Exception {
        Run r = ask("--json", RAFAH_QUESTION);
        assertThat(r.exit()).as("exit (stderr: %s)", r.err()).isZero();
        JsonNode a = lastLineJson(r);
        assertAnswerContract(a);
        assertThat(a.path("answered").asBoolean()).isTrue();
        assertThat(a.path("answer").asText()).contains("1.5 million");
        assertThat(a.path("citations").findValuesAsText("file")).contains(RAFAH_FILE);
        // Logs (the first run indexes) belong on stderr, never mixed into the JSON on stdout.
        assertThat(r.out()).doesNotContain("indexed in");
        assertThat(r.err()).contains("5 added");
    }

    @Test
    void questionWordsAreJoined() throws Exception {
        Run r = ask("--json", "How", "many", "Palestinians", "have", "sought", "refuge", "in", "Rafah?");
        assertThat(r.exit()).as("exit (stderr: %s)", r.err()).isZero();
        JsonNode a = lastLineJson(r);
        assertAnswerContract(a);
        assertThat(a.path("answered").asBoolean()).isTrue();
    }

    @Test
    void jsonRefusal() throws Exception {
        Run r = ask("--json", "What is the population of Cairo?");
        assertThat(r.exit()).as("exit (stderr: %s)", r.err()).isZero();
        JsonNode a = lastLineJson(r);
        assertAnswerContract(a);
        assertThat(a.path("answered").asBoolean()).isFalse();
    }

    @Test
    void plainOutputListsCitationsWithFileLinesAndQuote() throws Exception {
        Run r = ask(RAFAH_QUESTION);
        assertThat(r.exit()).as("exit (stderr: %s)", r.err()).isZero();
        List<String> lines = r.outLines();
        assertThat(lines).isNotEmpty();
        String answer = lines.get(0);
        assertThat(answer).contains("1.5 million");
        assertThat(lines.get(1)).as("a blank line between answer and citations").isEmpty();

        Set<Integer> ids = new HashSet<>();
        boolean citesRafah = false;
        for (String line : lines.subList(2, lines.size())) {
            Matcher m = CITATION_LINE.matcher(line);
            assertThat(m.matches()).as("citation line format: %s", line).isTrue();
            ids.add(Integer.parseInt(m.group(1)));
            String file = m.group(2);
            int start = Integer.parseInt(m.group(3));
            int end = m.group(4) == null ? start : Integer.parseInt(m.group(4));
            if (m.group(4) != null) {
                assertThat(end).isGreaterThan(start);
            }
            List<String> fileLines = fileLines(file);
            String expected = String.join("\n", fileLines.subList(start - 1, end)).strip().replaceAll("\\s+", " ");
            assertThat(m.group(5)).isEqualTo(expected);
            citesRafah |= file.equals(RAFAH_FILE) && start <= 21 && end >= 21;
        }
        assertThat(ids).isNotEmpty().isEqualTo(markers(answer));
        assertThat(citesRafah).as("cites %s:21 in %s", RAFAH_FILE, r.out()).isTrue();
    }

    @Test
    void indexTwiceReportsEverythingUnchanged() throws Exception {
        Run first = run("index", "--articles", articles.toString(), "--index", index.toString());
        assertThat(first.exit()).as("exit (stderr: %s)", first.err()).isZero();
        assertThat(first.out()).contains("5 added", "0 unchanged");
        assertThat(first.outLines().stream().filter(l -> l.startsWith("added")).count()).isEqualTo(5);

        Run second = run("index", "--articles", articles.toString(), "--index", index.toString());
        assertThat(second.exit()).as("exit (stderr: %s)", second.err()).isZero();
        assertThat(second.out()).contains("0 added", "0 changed", "0 removed", "5 unchanged", "0 failed");
        assertThat(second.outLines()).noneMatch(l -> l.startsWith("added") || l.startsWith("changed")
                || l.startsWith("removed"));
    }

    @Test
    void indexNoticesAChangedAndARemovedFile() throws Exception {
        assertThat(run("index", "--articles", articles.toString(), "--index", index.toString()).exit()).isZero();
        Files.writeString(articles.resolve("001_3cabf72616562acd.txt"), "\nOne more line about Rafah.\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.delete(articles.resolve("002_e3a4d9be1fd088d4.txt"));
        Run r = run("index", "--articles", articles.toString(), "--index", index.toString());
        assertThat(r.exit()).as("exit (stderr: %s)", r.err()).isZero();
        assertThat(r.out()).contains("changed  001_3cabf72616562acd.txt", "removed  002_e3a4d9be1fd088d4.txt",
                "0 added, 1 changed, 1 removed, 3 unchanged");
    }

    @Test
    void emptyQuestionIsAnErrorOnStderr() {
        Run r = ask("--json", "   ");
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("question");
    }

    @Test
    void tooLongQuestionIsAnError() {
        Run r = ask("--json", "x".repeat(2001));
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("2000");
    }

    @Test
    void topKOutOfRangeIsAnError() {
        for (String k : List.of("0", "51")) {
            Run r = ask("--json", "--top-k", k, RAFAH_QUESTION);
            assertThat(r.exit()).as("--top-k %s", k).isNotZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("top-k");
        }
    }

    @Test
    void missingArticlesFolderIsAnErrorWithoutStackTrace() {
        Run r = run("ask", "--articles", temp.resolve("no-such-folder").toString(), "--index", index.toString(),
                "--json", RAFAH_QUESTION);
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no-such-folder").doesNotContain("\tat ");
    }
}
