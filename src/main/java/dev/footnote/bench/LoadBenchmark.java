package dev.footnote.bench;

import dev.footnote.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A steady load on running Footnote servers: {@code connections} clients, each asking {@code POST /api/ask} one
 * question after another for {@code seconds}, the servers taken in turn and the questions in turn. An ask fails when
 * it gets no answer or a status other than 200; every failure is counted, with its status or error. The servers are
 * other processes (behind a load balancer they would be its pool), so a node killed under them shows here.
 */
public final class LoadBenchmark {

    /** Every ask waits at most this long for its answer: a hang is counted as a failure, not waited out. */
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

    private final List<URI> servers;
    private final int connections;
    private final Duration length;
    private final Consumer<String> log;

    /** The load on {@code servers} (their base URLs) at {@code connections} connections for {@code length}. */
    public LoadBenchmark(List<String> servers, int connections, Duration length, Consumer<String> log) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("give at least one server: --url http://HOST:PORT");
        }
        if (connections < 1 || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("--connections and --seconds must be at least 1");
        }
        this.servers = servers.stream().map(s -> URI.create(s.replaceAll("/+$", "") + "/api/ask")).toList();
        this.connections = connections;
        this.length = length;
        this.log = log;
    }

    /**
     * What the load measured: asks answered and failed, failures by their status (or error), and the answered asks'
     * latency; {@code perWindow} counts asks and failures in each 5 s of the run, so a fault's moment shows.
     */
    public record Figures(long asks, long failures, Map<String, Long> failuresBy, double medianMillis,
            double p95Millis, double maxMillis, double asksPerSecond, List<String> perWindow) {
    }

    /** Runs the load on {@code questions}, asked in turn. */
    public Figures run(List<String> questions) throws InterruptedException {
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("no questions to ask");
        }
        long start = System.nanoTime();
        long end = start + length.toNanos();
        int windows = (int) Math.max(1, (length.toSeconds() + 4) / 5);
        AtomicLong[] asksIn = new AtomicLong[windows + 1];
        AtomicLong[] failsIn = new AtomicLong[windows + 1];
        for (int i = 0; i <= windows; i++) {
            asksIn[i] = new AtomicLong();
            failsIn[i] = new AtomicLong();
        }
        Map<String, AtomicLong> failuresBy = new ConcurrentHashMap<>();
        AtomicLong turn = new AtomicLong();
        List<List<Double>> latencies = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
                ExecutorService pool = Executors.newFixedThreadPool(connections)) {
            List<Future<List<Double>>> clients = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                clients.add(pool.submit(() -> {
                    List<Double> mine = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        long n = turn.getAndIncrement();
                        URI server = servers.get((int) (n % servers.size()));
                        String question = questions.get((int) (n % questions.size()));
                        long t0 = System.nanoTime();
                        String failure = ask(http, server, question);
                        long t1 = System.nanoTime();
                        int window = (int) Math.min(windows, (t0 - start) / 5_000_000_000L);
                        asksIn[window].incrementAndGet();
                        if (failure == null) {
                            mine.add((t1 - t0) / 1e6);
                        } else {
                            failsIn[window].incrementAndGet();
                            failuresBy.computeIfAbsent(failure, k -> new AtomicLong()).incrementAndGet();
                            if (failsIn[window].get() <= 3) {
                                log.accept("failed ask on " + server + ": " + failure);
                            }
                        }
                    }
                    return mine;
                }));
            }
            for (Future<List<Double>> f : clients) {
                try {
                    latencies.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a load client failed: " + e.getCause(), e.getCause());
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] all = latencies.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sorted().toArray();
        long failures = failuresBy.values().stream().mapToLong(AtomicLong::get).sum();
        Map<String, Long> by = new TreeMap<>();
        failuresBy.forEach((k, v) -> by.put(k, v.get()));
        List<String> perWindow = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            perWindow.add(String.format("%3d-%3d s: %d asks, %d failed", i * 5, i * 5 + 5, asksIn[i].get(),
                    failsIn[i].get()));
        }
        return new Figures(all.length + failures, failures, by, percentile(all, 0.5), percentile(all, 0.95),
                all.length == 0 ? Double.NaN : all[all.length - 1], (all.length + failures) / seconds, perWindow);
    }

    /** Null when the ask was answered (200), else what went wrong. */
    private static String ask(HttpClient http, URI server, String question) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server).timeout(ASK_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("question", question)),
                            StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return r.statusCode() == 200 ? null : "HTTP " + r.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
}
