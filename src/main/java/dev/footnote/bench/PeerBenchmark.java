package dev.footnote.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.conversation.ConversationSettings;
import dev.footnote.eval.EvalReport;
import dev.footnote.eval.Evaluator;
import dev.footnote.eval.Question;
import dev.footnote.eval.QuestionSet;
import dev.footnote.index.IndexReport;
import dev.footnote.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Footnote beside a peer on the same files and questions: LangChain4j's standard ingestion and retrieval
 * ({@code peer/}, a module of its own so none of it is in footnote.jar), run in a child JVM after Footnote has
 * indexed from an empty index and been evaluated. Each side reports its wall time from start to a searchable index
 * (the model loaded, the files read, cut and embedded), the passages or segments that took, and nDCG@10 judged
 * at file level.
 */
public final class PeerBenchmark {

    /**
     * One system's figures.
     *
     * @param passages passages (Footnote) or segments (the peer) indexed
     * @param seconds  wall time from start to a searchable index
     * @param ndcgAt10 file-level nDCG@10 over the answerable questions
     */
    public record Side(String system, int files, int passages, double seconds, double ndcgAt10, int questions) {
        public double passagesPerSecond() {
            return passages / seconds;
        }
    }

    public record Figures(Side footnote, Side peer) {
    }

    private final Config config;
    private final String java;
    private final Path peerJar;
    private final Consumer<String> log;

    public PeerBenchmark(Config config, String java, Path peerJar, Consumer<String> log) {
        this.config = config;
        this.java = java;
        this.peerJar = peerJar;
        this.log = log;
    }

    public Figures run(Path questions) throws IOException, InterruptedException {
        if (!Files.isRegularFile(peerJar)) {
            throw new IOException("the peer's jar is missing: " + peerJar
                    + " (build it with: mvn -f peer/pom.xml package, or run ./footnote bench, which builds it)");
        }
        // Read before anything is indexed: a bad file stops the run now, not after the index's minutes.
        List<Question> set = QuestionSet.read(questions);
        return new Figures(footnote(set), peer(questions));
    }

    private Side footnote(List<Question> set) throws IOException {
        Path dir = Files.createTempDirectory("footnote-bench-peer");
        try {
            long t0 = System.nanoTime();
            Config c = config.withIndex(dir)
                    .withConversations(Config.DEFAULTS.conversations().withStore(ConversationSettings.MEMORY));
            try (Footnote f = Footnote.open(c, line -> {})) {
                IndexReport report = f.sync();
                double seconds = Elapsed.seconds(t0);
                log.accept(String.format("footnote: %s in %.1f s", report.summary(), seconds));
                EvalReport eval = new Evaluator(f.service(), 10, true, line -> {}, line -> {},
                        f.index().indexedFiles().keySet()).run(set);
                int files = report.added().size();
                // nDCG is over the answerable questions, on both sides.
                int answerable = (int) set.stream().filter(Question::answerable).count();
                return new Side("Footnote", files, report.passagesWritten(), seconds, eval.ndcgAt10(), answerable);
            }
        } finally {
            IndexingBenchmark.deleteTree(dir);
        }
    }

    private Side peer(Path questions) throws IOException, InterruptedException {
        // Its standard error (the runtime's warnings, or why it failed) is kept aside and shown only on failure.
        Path errors = Files.createTempFile("footnote-peer", ".log");
        try {
            return peer(questions, errors);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private Side peer(Path questions, Path errors) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", peerJar.toString(),
                config.articles().toString(), questions.toString())
                .redirectError(errors.toFile())
                .start();
        String last = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || last == null) {
            List<String> why = Files.readAllLines(errors, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("WARNING")).toList();
            throw new IOException("the peer failed (exit " + exit + ")"
                    + (why.isEmpty()
                            ? ""
                            : ": " + String.join("\n  ", why.subList(Math.max(0, why.size() - 5),
                                    why.size()))));
        }
        JsonNode r = Json.MAPPER.readTree(last);
        log.accept("peer: " + last);
        return new Side("LangChain4j EmbeddingStoreIngestor", r.path("files").asInt(), r.path("segments").asInt(),
                r.path("seconds").asDouble(), r.path("ndcg_at_10").asDouble(), r.path("questions").asInt());
    }
}
