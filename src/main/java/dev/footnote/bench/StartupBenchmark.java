package dev.footnote.bench;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.retrieve.Retrieval;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Start-up: the time from launching {@code footnote serve} on an existing index to a 200 from
 * {@code /api/health}, beside the same JVM running {@code --version} and a whole {@code index} process on the
 * unchanged collection. The processes are launched from the jar this class came from.
 */
public final class StartupBenchmark {

    static final long READY_WITHIN_MILLIS = 60_000;

    private final Config config;
    private final int runs;
    private final Consumer<String> log;

    /** Measures {@code config}'s collection, index and retrieval; {@code log} gets the indexing before the runs. */
    public StartupBenchmark(Config config, int runs, Consumer<String> log) {
        this.config = config;
        this.runs = runs;
        this.log = log;
    }

    public Figures run() throws IOException, InterruptedException {
        try (Footnote f = Footnote.open(config, log)) {
            f.sync(); // the start-up figure is for an index that already exists
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Double> ready = new ArrayList<>();
        List<Double> jvm = new ArrayList<>();
        List<Double> reindex = new ArrayList<>();
        List<String> collection = List.of("--articles", config.articles().toString(), "--index",
                config.index().toString(), "--retrieval", config.retrieval().toString());
        for (int r = 0; r < runs; r++) {
            List<String> version = command("--version");
            long t0 = System.nanoTime();
            start(version).waitFor();
            jvm.add(Elapsed.millis(t0));

            // Re-indexing a collection that has not changed, as its own process (model load included).
            List<String> index = command("index");
            index.addAll(collection);
            long tr = System.nanoTime();
            int exit = start(index).waitFor();
            if (exit != 0) {
                throw new IOException("re-indexing exited with " + exit);
            }
            reindex.add(Elapsed.millis(tr));

            int port = freePort();
            List<String> serve = command("serve");
            serve.addAll(collection);
            serve.addAll(List.of("--port", String.valueOf(port)));
            long t1 = System.nanoTime();
            Process server = start(serve);
            try {
                awaitHealth(http, server, port, t1, READY_WITHIN_MILLIS);
                ready.add(Elapsed.millis(t1));
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
        return new Figures(config.retrieval(), new Runs(ready), new Runs(jvm), new Runs(reindex));
    }

    /**
     * A command line that launches the jar exactly as {@code ./footnote} does, class-data archive included, so
     * both share one archive.
     */
    static List<String> command(String first) {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jar = jar();
        String archive = jar.resolveSibling("footnote.jsa").toString();
        return new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar",
                jar.toString(), first));
    }

    private static Path jar() {
        try {
            return Path.of(StartupBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the jar is", e);
        }
    }

    static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /**
     * Waits until the server on {@code port} answers health, for at most {@code withinMillis} from {@code startNanos};
     * returns that answer's body.
     */
    static String awaitHealth(HttpClient http, Process server, int port, long startNanos, long withinMillis)
            throws IOException, InterruptedException {
        URI health = URI.create("http://127.0.0.1:" + port + "/api/health");
        while (true) {
            if (!server.isAlive()) {
                throw new IOException("the server exited with " + server.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).GET().build(),
                        HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
            if (Elapsed.millis(startNanos) > withinMillis) {
                throw new IOException("the server was not ready after " + withinMillis / 1000 + " s");
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * What start-up measured, in milliseconds per run.
     *
     * @param ready   launch to a 200 from {@code /api/health}
     * @param jvm     the same JVM running {@code --version}
     * @param reindex a whole {@code index} process on the unchanged collection
     */
    public record Figures(Retrieval retrieval, Runs ready, Runs jvm, Runs reindex) {
    }
}
