package dev.footnote.cli;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.cli.CollectionOptions;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.corpus.ArticleReader;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.PassageBuilder;
import dev.footnote.embed.BgeSmallEmbedder;
import dev.footnote.embed.Embedder;
import dev.footnote.eval.Question;
import dev.footnote.eval.QuestionSet;
import dev.footnote.index.IndexReport;
import dev.footnote.index.Unit;
import dev.footnote.json.Json;
import dev.footnote.server.FootnoteServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures what the README promises: indexing throughput, time from launch to a ready server, and warm
 * {@code POST /api/ask} latency over loopback. Each figure is a median over several runs and comes with a
 * baseline measured in the same run (parsing alone, JVM start alone, retrieval alone), since shared machines
 * are noisy and only ratios travel well.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks indexing, start-up and warm ask latency; prints medians over several runs.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    CollectionOptions collection;

    @Option(names = "--questions", paramLabel = "FILE", description = "Questions to ask (questions.jsonl); default: a few built-in ones.")
    Path questions;

    @Option(names = "--runs", paramLabel = "N", description = "Runs per figure (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--requests", paramLabel = "N", description = "Timed asks per run (default: ${DEFAULT-VALUE}).")
    int requests = 300;

    @Option(names = "--skip-indexing", description = "Leave out the indexing benchmark (slow on large collections).")
    boolean skipIndexing;

    @Option(names = "--skip-startup", description = "Leave out the start-up benchmark.")
    boolean skipStartup;

    @Option(names = "--files", paramLabel = "N", description = "Benchmark indexing on the first N files only (a copy in a temporary folder).")
    Integer files;

    @Override
    public Integer call() throws Exception {
        List<String> asked = questions == null
                ? List.of("How many Palestinians have sought refuge in Rafah?",
                        "Who is the head of Hamas' Political Bureau?",
                        "What is the population of Cairo?", "Where did the Hamas delegation go after leaving Cairo?")
                : QuestionSet.read(questions).stream().map(Question::question).toList();
        System.out.printf("collection %s, %d runs%n", collection.articles, runs);
        if (!skipIndexing) {
            indexing();
        }
        if (!skipStartup) {
            startup();
        }
        warmAsk(asked);
        return 0;
    }

    private void indexing() throws IOException {
        Path source = collection.articles;
        Path subset = null;
        if (files != null) {
            subset = Files.createTempDirectory("footnote-bench-articles");
            int n = 0;
            for (var e : new ArticleFiles(collection.articles).list().entrySet()) {
                if (n++ == files) {
                    break;
                }
                Path to = subset.resolve(e.getKey());
                Files.createDirectories(to.getParent());
                Files.copy(e.getValue(), to);
            }
            source = subset;
        }
        try {
            indexing(source);
        } finally {
            if (subset != null) {
                deleteTree(subset);
            }
        }
    }

    private void indexing(Path source) throws IOException {
        List<Double> parse = new ArrayList<>();
        List<Double> model = new ArrayList<>();
        List<Double> index = new ArrayList<>();
        int passages = 0;
        int texts = 0;
        Embedder embedder = collection.retrieval.needsVectors()
                ? BgeSmallEmbedder.load(collection.index.resolve("native"), false)
                : null;
        for (int r = 0; r < runs; r++) {
            // Baseline 1: reading and cutting every file into passages, no index.
            long t0 = System.nanoTime();
            int n = 0;
            ArticleReader reader = new ArticleReader();
            PassageBuilder builder = new PassageBuilder();
            Map<String, String> unitTexts = new java.util.LinkedHashMap<>();
            for (var e : new ArticleFiles(source).list().entrySet()) {
                List<Passage> built = builder.build(reader.read(e.getValue(), e.getKey()));
                n += built.size();
                Unit.of(built).forEach(u -> unitTexts.putIfAbsent(u.textHash(), u.text()));
            }
            double parseSeconds = seconds(t0);
            parse.add(n / parseSeconds);
            // Baseline 2: the embedding model alone on the very texts indexing will embed.
            if (embedder != null) {
                long t1 = System.nanoTime();
                embedder.embed(new ArrayList<>(unitTexts.values()));
                model.add(n / seconds(t1));
                texts = unitTexts.size();
            }
            Path dir = Files.createTempDirectory("footnote-bench-index");
            try (Footnote f = Footnote.open(Config.of(source, dir).withRetrieval(collection.retrieval), line -> {})) {
                long t2 = System.nanoTime();
                IndexReport report = f.sync();
                index.add(report.passagesWritten() / seconds(t2));
                passages = report.passagesWritten();
            } finally {
                deleteTree(dir);
            }
        }
        System.out.printf("indexing from scratch (%s): %d passages; median %.0f passages/s (runs: %s); "
                + "parsing alone %.0f passages/s%n",
                collection.retrieval, passages, median(index), fmt(index), median(parse));
        if (embedder != null) {
            System.out.printf("  embedding model alone on the same %d texts: median %.0f passages/s (runs: %s); "
                    + "indexing reaches %.0f%% of it%n",
                    texts, median(model), fmt(model), 100 * median(index) / median(model));
        }
    }

    private void startup() throws Exception {
        try (Footnote f = Footnote.open(collection.config(), Main::log)) {
            f.sync(); // the start-up figure is for an index that already exists
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Double> ready = new ArrayList<>();
        List<Double> jvm = new ArrayList<>();
        List<Double> reindex = new ArrayList<>();
        // Launched exactly as ./footnote launches it, class-data archive included, so both share one archive.
        String archive = Path.of(jar).resolveSibling("footnote.jsa").toString();
        List<String> launch = List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-jar", jar);
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            List<String> version = new ArrayList<>(launch);
            version.add("--version");
            new ProcessBuilder(version).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
            jvm.add(millis(t0));

            // Re-indexing a collection that has not changed, as its own process (model load included).
            List<String> index = new ArrayList<>(launch);
            index.addAll(List.of("index", "--articles", collection.articles.toString(),
                    "--index", collection.index.toString(), "--retrieval", collection.retrieval.toString()));
            long tr = System.nanoTime();
            int exit = new ProcessBuilder(index).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
            if (exit != 0) {
                throw new IOException("re-indexing exited with " + exit);
            }
            reindex.add(millis(tr));

            int port = freePort();
            List<String> command = new ArrayList<>(launch);
            command.addAll(List.of("serve", "--articles", collection.articles.toString(),
                    "--index", collection.index.toString(), "--retrieval", collection.retrieval.toString(),
                    "--port", String.valueOf(port)));
            long t1 = System.nanoTime();
            Process serve = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                URI health = URI.create("http://127.0.0.1:" + port + "/api/health");
                while (true) {
                    if (!serve.isAlive()) {
                        throw new IOException("the server exited with " + serve.exitValue() + " before it was ready");
                    }
                    try {
                        if (http.send(HttpRequest.newBuilder(health).GET().build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            break;
                        }
                    } catch (IOException notYet) {
                        Thread.sleep(10);
                    }
                    if (millis(t1) > 60_000) {
                        throw new IOException("the server was not ready after 60 s");
                    }
                }
                ready.add(millis(t1));
            } finally {
                serve.destroy();
                serve.waitFor();
            }
        }
        System.out.printf("start-up with an existing index (%s): median %.0f ms to a 200 from /api/health (runs: %s); "
                + "JVM start alone (--version) %.0f ms%n", collection.retrieval, median(ready), fmt(ready),
                median(jvm));
        System.out.printf("re-indexing the unchanged collection (a whole 'index' run): median %.0f ms (runs: %s)%n",
                median(reindex), fmt(reindex));
    }

    private void warmAsk(List<String> asked) throws Exception {
        try (Footnote f = Footnote.open(collection.config(), Main::log)) {
            f.sync();
            FootnoteServer server = new FootnoteServer(f.service(), f).start("127.0.0.1", 0);
            try {
                HttpClient http = HttpClient.newHttpClient();
                URI ask = URI.create("http://127.0.0.1:" + server.port() + "/api/ask");
                for (int i = 0; i < 2000; i++) { // warm-up: JIT, caches, connections
                    post(http, ask, asked.get(i % asked.size()));
                }
                List<Double> medians = new ArrayList<>();
                List<Double> p95s = new ArrayList<>();
                List<Double> retrieval = new ArrayList<>();
                int q = 0;
                for (int r = 0; r < runs; r++) {
                    double[] times = new double[requests];
                    double[] search = new double[requests];
                    for (int i = 0; i < requests; i++, q++) {
                        String question = asked.get(q % asked.size());
                        long t0 = System.nanoTime();
                        f.service().retriever().search(question, 5);
                        search[i] = millis(t0);
                        long t1 = System.nanoTime();
                        int status = post(http, ask, question);
                        times[i] = millis(t1);
                        if (status != 200) {
                            throw new IOException("ask answered " + status);
                        }
                    }
                    Arrays.sort(times);
                    Arrays.sort(search);
                    medians.add(times[times.length / 2]);
                    p95s.add(times[(int) Math.ceil(0.95 * times.length) - 1]);
                    retrieval.add(search[search.length / 2]);
                }
                System.out.printf("warm POST /api/ask over loopback: median %.2f ms, p95 %.2f ms (run medians: %s); "
                        + "retrieval alone in-process %.2f ms; %d distinct questions%n",
                        median(medians), median(p95s), fmt(medians), median(retrieval), asked.size());
            } finally {
                server.stop();
            }
        }
    }

    private static int post(HttpClient http, URI uri, String question) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("question", question))))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double millis(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String fmt(List<Double> values) {
        return values.stream().map(v -> String.format("%.1f", v)).toList().toString();
    }
}
