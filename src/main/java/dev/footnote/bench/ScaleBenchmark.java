package dev.footnote.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.eval.Question;
import dev.footnote.index.BackendSettings;
import dev.footnote.index.IndexReport;
import dev.footnote.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Footnote on a large collection, one backend at a time: BM25 (or hybrid) indexing from empty through
 * {@link Footnote#open} and {@code sync()} in this JVM, then warm {@code POST /api/ask} latency at one and at
 * many connections against a {@code footnote serve} process of its own on loopback (what users hit, and a
 * process whose resident memory is the server's alone), the resident memory of every process taking part and
 * the index's size on disk.
 */
public final class ScaleBenchmark {

    /**
     * How much to measure.
     *
     * @param indexRuns   indexing runs from empty (each run's index is deleted but the last, which is asked); 0
     *                    asks the index or collection as it stands, indexed before (by {@code footnote index}),
     *                    when indexing it again would take hours
     * @param askRuns     timed runs at each concurrency
     * @param requests    asks per timed run
     * @param connections concurrent connections of the second concurrency (the first is 1)
     * @param warmUp      asks before timing starts
     * @param clusterDir  the local cluster's folder ({@code cluster.json}), for its processes and data
     */
    public record Settings(int indexRuns, int askRuns, int requests, int connections, int warmUp, Path clusterDir) {
    }

    /**
     * Asking at one concurrency, in milliseconds per run.
     *
     * @param connections concurrent connections
     * @param medians     each run's median ask
     * @param p95s        each run's 95th percentile
     * @param perSecond   each run's answers a second
     */
    public record Asking(int connections, Runs medians, Runs p95s, Runs perSecond) {
    }

    /** A process's resident memory, from {@code /proc/PID/status}, in kB: now and at its peak. */
    public record Memory(String process, long pid, long rssKb, long peakKb) {
    }

    /**
     * What one backend measured.
     *
     * @param backend          lucene or solr
     * @param retrieval        bm25, vector or hybrid
     * @param passages         passages indexed
     * @param files            files indexed
     * @param textsEmbedded    texts sent to the embedding model (0 for BM25)
     * @param indexSeconds     each indexing run's wall time, opening included
     * @param passagesPerSecond each run's throughput
     * @param asking           one entry per concurrency
     * @param goldCited        of the timed single-connection asks whose gold file is in the collection, the share
     *                         answered citing it
     * @param goldAsked        those asks
     * @param memory           the processes taking part
     * @param diskBytes        the index on disk: the embedded folder (without the model's native libraries), or
     *                         the Solr nodes' and ZooKeeper's folders
     */
    public record Figures(String backend, String retrieval, int passages, int files, int textsEmbedded,
            Runs indexSeconds, Runs passagesPerSecond, List<Asking> asking, double goldCited, int goldAsked,
            List<Memory> memory,
            long diskBytes) {
    }

    private final Settings settings;
    private final Consumer<String> log;

    public ScaleBenchmark(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * Measures {@code config}'s backend; an embedded index must start from an empty or missing folder, unless
     * {@code indexRuns} is 0.
     */
    public Figures run(Config config, List<Question> questions) throws IOException, InterruptedException {
        boolean embedded = config.backend().kind() == BackendSettings.Kind.LUCENE;
        if (embedded && settings.indexRuns() > 0) {
            requireEmpty(config.index());
        }
        List<Double> seconds = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        IndexReport report = null;
        for (int r = 0; r < settings.indexRuns(); r++) {
            if (r > 0 && embedded) {
                deleteIndex(config.index());
            }
            long t0 = System.nanoTime();
            try (Footnote f = Footnote.open(config, log)) {
                report = f.sync();
            }
            double s = Elapsed.seconds(t0);
            if (report == null) {
                throw new IOException("another process is writing the index: nothing was measured");
            }
            seconds.add(s);
            rates.add(report.passagesWritten() / s);
            log.accept(String.format("indexing run %d: %d passages in %.1f s, %.0f passages/s", r + 1,
                    report.passagesWritten(), s, report.passagesWritten() / s));
        }
        List<Memory> memory = new ArrayList<>();
        if (report != null) {
            long indexerPeak = memory("footnote index", ProcessHandle.current().pid()).peakKb();
            memory.add(new Memory("the indexing JVM (this one)", ProcessHandle.current().pid(), 0, indexerPeak));
        }
        List<Asking> asking = new ArrayList<>();
        double gold;
        int goldAsked;
        int passages = report == null ? 0 : report.passagesWritten();
        int files = report == null ? 0 : report.added().size();
        int port = StartupBenchmark.freePort();
        List<String> serve = StartupBenchmark.command("serve");
        serve.addAll(options(config));
        serve.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--no-watch", "--rate-limit",
                "0", "--conversation-store", "memory", "--max-concurrent",
                String.valueOf(Math.max(16, settings.connections()))));
        // The local cluster's folder holds the collection's cores; a remote cluster's files are not ours to read.
        // The model's native libraries beside the embedded index are not the index.
        Path data = embedded ? config.index() : settings.clusterDir();
        if (embedded || Files.isRegularFile(data.resolve("cluster.json"))) {
            long t1 = System.nanoTime();
            long read = readAll(data, embedded ? data.resolve("native") : data.resolve("cluster.json"));
            log.accept(String.format("read %.1f MB of %s into the page cache in %.1f s", read / 1e6, data,
                    Elapsed.seconds(t1)));
        }
        Process server = StartupBenchmark.start(serve);
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long t0 = System.nanoTime();
            // The server re-reads and hashes every file before it answers: give a large collection time.
            // A million passages take minutes to open: up to 15 minutes.
            String ready = StartupBenchmark.awaitHealth(http, server, port, t0, 900_000);
            log.accept(String.format("server ready in %.1f s", Elapsed.seconds(t0)));
            if (report == null) {
                // Not indexed in this run: the collection's size as the server reports it.
                JsonNode health = Json.MAPPER.readTree(ready);
                passages = health.path("passages").asInt();
                files = health.path("articles").asInt();
                if (passages == 0) {
                    throw new IOException("--index-runs 0 asks an index made before, and " + (embedded
                            ? config.index()
                            : "the collection") + " has no passages: index it first ("
                            + "footnote index with the same options)");
                }
            }
            URI ask = URI.create("http://127.0.0.1:" + port + "/api/ask");
            AtomicInteger next = new AtomicInteger();
            timed(http, ask, questions, config.articles(), next, settings.connections(), settings.warmUp(), null);
            int[] cited = new int[2];
            for (int c : List.of(1, settings.connections())) {
                List<Double> medians = new ArrayList<>();
                List<Double> p95s = new ArrayList<>();
                List<Double> perSecond = new ArrayList<>();
                for (int r = 0; r < settings.askRuns(); r++) {
                    long tr = System.nanoTime();
                    double[] times = timed(http, ask, questions, config.articles(), next, c, settings.requests(),
                            c == 1 ? cited : null);
                    perSecond.add(settings.requests() / Elapsed.seconds(tr));
                    Arrays.sort(times);
                    medians.add(times[times.length / 2]);
                    p95s.add(times[(int) Math.ceil(0.95 * times.length) - 1]);
                }
                asking.add(new Asking(c, new Runs(medians), new Runs(p95s), new Runs(perSecond)));
                log.accept(String.format("%d connection(s): median %.1f ms", c, new Runs(medians).median()));
            }
            gold = cited[1] == 0 ? Double.NaN : (double) cited[0] / cited[1];
            goldAsked = cited[1];
            memory.add(memory("footnote serve", server.pid()));
        } finally {
            server.destroy();
            server.waitFor();
        }
        long disk;
        if (embedded) {
            disk = size(config.index(), config.index().resolve("native"));
        } else {
            disk = size(settings.clusterDir(), settings.clusterDir().resolve("cluster.json"));
            memory.addAll(clusterMemory());
        }
        return new Figures(config.backend().kind().name().toLowerCase(java.util.Locale.ROOT),
                config.retrieval().toString(), passages, files,
                report == null ? 0 : report.textsEmbedded(), new Runs(seconds), new Runs(rates), asking, gold,
                goldAsked, memory, disk);
    }

    /** The command-line options that open the same collection and backend in another process. */
    static List<String> options(Config config) {
        BackendSettings b = config.backend();
        List<String> o = new ArrayList<>(List.of("--articles", config.articles().toString(), "--index",
                config.index().toString(), "--retrieval", config.retrieval().toString(), "--backend",
                b.kind().name().toLowerCase(java.util.Locale.ROOT)));
        if (b.kind() == BackendSettings.Kind.SOLR) {
            if (!b.solrZk().isEmpty()) {
                o.addAll(List.of("--solr-zk", b.solrZk()));
            }
            if (!b.solrUrl().isEmpty()) {
                o.addAll(List.of("--solr-url", b.solrUrl()));
            }
            o.addAll(List.of("--solr-collection", b.collection(), "--solr-shards", String.valueOf(b.shards()),
                    "--solr-replicas", String.valueOf(b.replicas())));
        }
        return o;
    }

    /**
     * Asks {@code count} questions over {@code connections} connections, each connection asking in turn; the
     * time of each ask in milliseconds. With {@code cited}, counts the asks whose gold file is in the collection
     * ({@code cited[1]}) and, of those, the answers citing it ({@code cited[0]}).
     */
    private static double[] timed(HttpClient http, URI ask, List<Question> questions, Path articles,
            AtomicInteger next, int connections, int count, int[] cited) throws IOException, InterruptedException {
        double[] times = new double[count];
        AtomicInteger slot = new AtomicInteger();
        AtomicInteger hits = new AtomicInteger();
        AtomicInteger eligible = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                done.add(pool.submit(() -> {
                    for (int i = slot.getAndIncrement(); i < count; i = slot.getAndIncrement()) {
                        Question q = questions.get(Math.floorMod(next.getAndIncrement(), questions.size()));
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(ask)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("question", q.question()))))
                                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        times[i] = Elapsed.millis(t0);
                        if (response.statusCode() != 200) {
                            throw new IOException("ask answered " + response.statusCode() + ": " + response.body());
                        }
                        if (cited != null
                                && q.gold().stream().anyMatch(g -> Files.exists(articles.resolve(g.file())))) {
                            eligible.incrementAndGet();
                            if (citesGold(response.body(), q)) {
                                hits.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("an ask failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        if (cited != null) {
            cited[0] += hits.get();
            cited[1] += eligible.get();
        }
        return times;
    }

    private static boolean citesGold(String body, Question q) throws IOException {
        JsonNode citations = Json.MAPPER.readTree(body).path("citations");
        for (JsonNode c : citations) {
            String file = c.path("file").asText();
            if (q.gold().stream().anyMatch(g -> g.file().equals(file))) {
                return true;
            }
        }
        return false;
    }

    /** ZooKeeper and each Solr node of the local cluster, by the process ids in {@code cluster.json}. */
    private List<Memory> clusterMemory() throws IOException {
        Path state = settings.clusterDir().resolve("cluster.json");
        if (!Files.isRegularFile(state)) {
            log.accept("no " + state + ": the cluster's processes are not measured");
            return List.of();
        }
        JsonNode root = Json.MAPPER.readTree(Files.readString(state));
        List<Memory> m = new ArrayList<>();
        m.add(memory("zookeeper", root.path("zookeeper").path("pid").asLong()));
        int n = 1;
        for (JsonNode node : root.path("nodes")) {
            m.add(memory("solr node " + n++, node.path("pid").asLong()));
        }
        return m;
    }

    /** VmRSS and VmHWM of a process; zeros when it is gone or the system has no {@code /proc}. */
    static Memory memory(String name, long pid) throws IOException {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        Map<String, Long> kb = new LinkedHashMap<>();
        if (Files.isReadable(status)) {
            for (String line : Files.readAllLines(status)) {
                String[] kv = line.split(":\\s+", 2);
                if (kv.length == 2 && kv[1].endsWith(" kB")) {
                    kb.put(kv[0], Long.parseLong(kv[1].substring(0, kv[1].length() - 3).strip()));
                }
            }
        }
        return new Memory(name, pid, kb.getOrDefault("VmRSS", 0L), kb.getOrDefault("VmHWM", 0L));
    }

    /** Bytes of the files below {@code dir}, leaving out {@code except}'s and logs. */
    static long size(Path dir, Path except) throws IOException {
        long total = 0;
        for (Path p : indexFiles(dir, except)) {
            try {
                total += Files.size(p);
            } catch (IOException gone) {
                // a file removed since the walk (a merge finishing) counts as nothing
            }
        }
        return total;
    }

    /** The files below {@code dir} but {@code except}'s and logs: what the index is made of. */
    private static List<Path> indexFiles(Path dir, Path except) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> except == null || !p.startsWith(except))
                    .filter(p -> !p.getFileName().toString().endsWith(".log")).filter(Files::isRegularFile).toList();
        } catch (java.io.UncheckedIOException gone) {
            return List.of(); // a folder removed while walking (a merge finishing): nothing to count or read
        }
    }

    /**
     * Reads every file below {@code dir} once, so that the asks find the index in memory: "warm" is measured, not the
     * disk. Some machines reclaim page cache untouched for a few minutes; with a slow disk (about 20 MB/s on the
     * development machine) a cold hybrid collection on SolrCloud kept 16 connections' asks waiting past Solr's 60 s
     * timeout between shards. Leaves out {@code except}'s files and logs (as {@link #size} does); returns the bytes
     * read.
     */
    static long readAll(Path dir, Path except) throws IOException {
        long total = 0;
        byte[] buffer = new byte[1 << 20];
        for (Path p : indexFiles(dir, except)) {
            try (var in = Files.newInputStream(p)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                }
            } catch (IOException gone) {
                // a file removed since the walk (a merge finishing) is not needed
            }
        }
        return total;
    }

    private static void requireEmpty(Path index) throws IOException {
        if (!Files.isDirectory(index)) {
            return;
        }
        try (Stream<Path> s = Files.list(index)) {
            Optional<Path> any = s.filter(p -> !p.getFileName().toString().equals("native")).findAny();
            if (any.isPresent()) {
                throw new IOException(index + " is not empty: the benchmark indexes from empty and deletes the "
                        + "index between runs, so give it a new folder with --index");
            }
        }
    }

    /** Deletes an index made by a run, keeping the model's native libraries. */
    private static void deleteIndex(Path index) throws IOException {
        Path natives = index.resolve("native");
        try (Stream<Path> s = Files.walk(index)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(index) && !p.startsWith(natives)) {
                    Files.delete(p);
                }
            }
        }
    }
}
