package dev.footnote.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.SampleArticles;
import dev.footnote.json.Json;
import dev.footnote.model.ModelStandIn;
import dev.footnote.model.Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model options on {@code ask}, {@code eval} and {@code serve}, from the command line and from
 * {@code FOOTNOTE_*} variables (set here as system properties, which picocli and the key lookup read first),
 * with the commands run in-process against stand-in model servers.
 */
class ModelOptionsTest {

    private static final String F003 = "003_f221ba18038d1787.txt";
    private static final String RAFAH = "How many Palestinians have sought refuge in Rafah?";
    private static final String KEY = "sk-test-c1d2-cli-never-printed";
    private static final List<String> OPTIONS = List.of("FOOTNOTE_MODEL", "FOOTNOTE_BASE_URL", "FOOTNOTE_MODEL_NAME");
    private static final List<String> KEYS = List.of("FOOTNOTE_MODEL_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_API_KEY");

    @TempDir
    Path temp;

    private Path articles;
    private Path index;
    private final List<ModelStandIn> standIns = new ArrayList<>();

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void copyArticles() throws IOException {
        articles = temp.resolve("articles");
        index = temp.resolve("index");
        SampleArticles.copyTo(articles);
        // Keys blank (a blank key counts as none), so that whatever this machine's environment holds stays out.
        KEYS.forEach(v -> System.setProperty(v, ""));
    }

    @AfterEach
    void clear() {
        OPTIONS.forEach(System::clearProperty);
        KEYS.forEach(System::clearProperty);
        standIns.forEach(ModelStandIn::close);
    }

    private ModelStandIn standIn(Provider provider) throws IOException {
        ModelStandIn s = new ModelStandIn(provider);
        standIns.add(s);
        return s;
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
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run ask(String... extra) {
        List<String> args = new ArrayList<>(
                List.of("ask", "--articles", articles.toString(), "--index", index.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static JsonNode lastLine(Run r) throws IOException {
        List<String> lines = r.out().lines().toList();
        assertThat(lines).as("stdout (stderr: %s)", r.err()).isNotEmpty();
        return Json.MAPPER.readTree(lines.getLast());
    }

    private static void citeRefuge(ModelStandIn s) {
        s.script(call -> ModelStandIn.text("Around 1.5 million Palestinians have sought refuge in Rafah ["
                + call.passageWith("1.5 million") + "]."));
    }

    @Test
    void askUsesTheModelTheOptionsName() throws IOException {
        ModelStandIn s = standIn(Provider.OPENAI);
        citeRefuge(s);
        Run r = ask("--model", "openai", "--base-url", s.baseUrl(), "--model-name", "local-7b", "--max-tokens", "123",
                "--temperature", "0.7", "--json", RAFAH);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode a = lastLine(r);
        assertThat(a.path("model").asText()).isEqualTo("openai:local-7b");
        assertThat(a.path("answered").asBoolean()).isTrue();
        assertThat(a.path("citations").get(0).path("file").asText()).isEqualTo(F003);
        assertThat(a.path("citations").get(0).path("start_line").asInt()).isEqualTo(21);
        ModelStandIn.Call call = s.calls().getFirst();
        assertThat(call.body().path("model").asText()).isEqualTo("local-7b");
        assertThat(call.body().path("max_tokens").asInt()).isEqualTo(123);
        assertThat(call.body().path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(call.header("Authorization")).as("no key configured, none sent").isNull();
    }

    @Test
    void everyOptionCanComeFromTheEnvironment() throws IOException {
        ModelStandIn s = standIn(Provider.ANTHROPIC);
        citeRefuge(s);
        System.setProperty("FOOTNOTE_MODEL", "anthropic");
        System.setProperty("FOOTNOTE_BASE_URL", s.baseUrl());
        System.setProperty("FOOTNOTE_MODEL_NAME", "claude-test");
        System.setProperty("ANTHROPIC_API_KEY", KEY);
        Run r = ask("--json", RAFAH);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(lastLine(r).path("model").asText()).isEqualTo("anthropic:claude-test");
        assertThat(s.calls().getFirst().header("x-api-key")).isEqualTo(KEY);
        // The command line wins over the environment.
        ModelStandIn ollama = standIn(Provider.OLLAMA);
        citeRefuge(ollama);
        Run over = ask("--model", "ollama", "--base-url", ollama.baseUrl(), "--model-name", "llama3.2", "--json",
                RAFAH);
        assertThat(lastLine(over).path("model").asText()).isEqualTo("ollama:llama3.2");
        assertThat(r.out() + r.err() + over.out() + over.err()).doesNotContain(KEY);
    }

    @Test
    void aMissingKeyOrABadValueIsAUsageErrorBeforeAnyWork() {
        Run anthropic = ask("--model", "anthropic", RAFAH);
        assertThat(anthropic.exit()).isEqualTo(2);
        assertThat(anthropic.err()).contains("ANTHROPIC_API_KEY");
        Run openAi = ask("--model", "openai", RAFAH);
        assertThat(openAi.exit()).isEqualTo(2);
        assertThat(openAi.err()).contains("OPENAI_API_KEY");
        assertThat(ask("--model", "gemini", RAFAH).exit()).isEqualTo(2);
        assertThat(ask("--model", "ollama", "--timeout", "0", RAFAH).err()).contains("--timeout");
        assertThat(ask("--model", "ollama", "--base-url", "ftp://x", RAFAH).err()).contains("--base-url");
        Run credentials = ask("--model", "ollama", "--base-url", "http://user:" + KEY + "@127.0.0.1:1/", RAFAH);
        assertThat(credentials.exit()).isEqualTo(2);
        assertThat(credentials.err()).doesNotContain(KEY);
        assertThat(Files.exists(index)).as("nothing was indexed").isFalse();
    }

    @Test
    void aFailingModelIsAnErrorOrWithTheFallbackTheExtractiveAnswer() throws IOException {
        ModelStandIn s = standIn(Provider.OLLAMA);
        s.script(call -> new ModelStandIn.Status(401, "bad key " + KEY));
        System.setProperty("FOOTNOTE_MODEL_API_KEY", KEY);
        Run failed = ask("--model", "ollama", "--base-url", s.baseUrl(), RAFAH);
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).contains("refused the credentials").doesNotContain(KEY, "Exception");

        Run fellBack = ask("--model", "ollama", "--base-url", s.baseUrl(), "--fallback", "extractive", RAFAH);
        assertThat(fellBack.exit()).as(fellBack.err()).isZero();
        assertThat(fellBack.err()).contains("ollama:llama3.2 failed", "this is the extractive answer");
        assertThat(fellBack.out()).startsWith("Around 1.5 million Palestinians");
        assertThat(fellBack.out() + fellBack.err()).doesNotContain(KEY);
    }

    @Test
    void evalRunsTheQuestionsThroughTheModel() throws IOException {
        ModelStandIn s = standIn(Provider.OPENAI);
        citeRefuge(s);
        Path questions = temp.resolve("q.jsonl");
        Files.writeString(questions,
                "{\"id\": \"q1\", \"question\": \"" + RAFAH + "\", \"answers\": [\"1.5 million\"], "
                        + "\"gold\": [{\"file\": \"" + F003 + "\", \"start_line\": 21, \"end_line\": 21}]}\n");
        Run r = run("eval", "--articles", articles.toString(), "--index", index.toString(), "--questions",
                questions.toString(), "--model", "openai", "--base-url", s.baseUrl(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = Json.MAPPER.readTree(r.out().lines().toList().getLast());
        assertThat(report.path("questions").asInt()).isEqualTo(1);
        assertThat(report.path("citation_accuracy").asDouble()).isEqualTo(1.0);
        assertThat(s.calls()).hasSize(1);
    }

    @Test
    void serveAskAndEvalDocumentTheOptions() {
        for (String command : List.of("serve", "ask", "eval")) {
            Run help = run(command, "--help");
            assertThat(help.out()).as(command).contains("--model=KIND", "--model-name=NAME", "--base-url=URL",
                    "--timeout=SECONDS", "--temperature=T", "--max-tokens=N", "--fallback=WHAT", "--prompts=DIR");
        }
    }
}
