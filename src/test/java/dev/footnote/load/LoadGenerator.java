package dev.footnote.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A load generator for a running Footnote server, run by hand (not a unit test): N connections, each a
 * keep-alive HTTP/1.1 socket sending one request after another for a fixed time. Reports throughput, latency
 * percentiles, statuses, and lost connections (a request sent that got no complete response). With
 * {@code --churn DIR --churn-from DIR2} it adds and deletes articles in the served folder while it runs and
 * counts answers that cite a file missing once the answer arrived.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:target/lib/* dev.footnote.load.LoadGenerator \
 *     --url http://127.0.0.1:7070 --connections 16 --seconds 60 --path /api/ask --questions questions.jsonl
 * </pre>
 */
public final class LoadGenerator {

    private static final Pattern QUESTION = Pattern.compile("\"question\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CITED_FILE = Pattern.compile("\"file\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--url", "http://127.0.0.1:7070", "--connections", "16",
                "--seconds", "60", "--path", "/api/ask", "--method", "POST", "--warmup", "5"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        URI url = URI.create(o.get("--url"));
        int connections = Integer.parseInt(o.get("--connections"));
        long seconds = Long.parseLong(o.get("--seconds"));
        long warmup = Long.parseLong(o.get("--warmup"));
        List<String> questions = o.containsKey("--questions")
                ? questions(Path.of(o.get("--questions")))
                : List.of("What is known about this?");
        String key = o.get("--key");
        Path churnDir = o.containsKey("--churn") ? Path.of(o.get("--churn")) : null;
        Path served = o.containsKey("--articles") ? Path.of(o.get("--articles")) : churnDir;

        Run warm = new Run();
        if (warmup > 0) {
            run(url, o.get("--method"), o.get("--path"), key, questions, connections, warmup, warm, null);
        }
        Run run = new Run();
        Churn churn = churnDir == null ? null : new Churn(churnDir, Path.of(o.get("--churn-from")));
        if (churn != null) {
            churn.start();
        }
        run.served = served;
        long t0 = System.nanoTime();
        run(url, o.get("--method"), o.get("--path"), key, questions, connections, seconds, run, served);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        if (churn != null) {
            churn.stop();
        }
        long[] lat = run.latencies();
        Arrays.sort(lat);
        System.out.printf("%s %s, %d connections, %.1f s%s%n", o.get("--method"), o.get("--path"), connections, elapsed,
                churn == null ? "" : String.format(" (churn: %d files added, %d deleted)", churn.added, churn.deleted));
        System.out.printf("requests %d, %.1f/s; statuses %s; 5xx %d; lost connections %d%n", lat.length,
                lat.length / elapsed, run.statuses, run.fivexx(), run.lost.get());
        System.out.printf("latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", pct(lat, 50), pct(lat, 90),
                pct(lat, 99),
                lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6);
        if (o.get("--path").equals("/api/ask")) {
            System.out.printf("answered %d, refused %d; answers citing a file missing when they arrived %d%n",
                    run.answered.get(), run.refused.get(), run.citedMissing.get());
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static List<String> questions(Path jsonl) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            Matcher m = QUESTION.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** What one measured period saw. */
    static final class Run {
        final List<long[]> perThread = new ArrayList<>();
        final Map<Integer, Long> statuses = new TreeMap<>();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong citedMissing = new AtomicLong();
        Path served;

        synchronized void add(long[] latencies, int count, Map<Integer, Long> codes) {
            perThread.add(Arrays.copyOf(latencies, count));
            codes.forEach((k, v) -> statuses.merge(k, v, Long::sum));
        }

        long[] latencies() {
            return perThread.stream().flatMapToLong(Arrays::stream).toArray();
        }

        long fivexx() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        }
    }

    private static void run(URI url, String method, String path, String key, List<String> questions, int connections,
            long seconds, Run run, Path served) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread t = new Thread(() -> connection(url, method, path, key, questions, id, end, run, served),
                    "load-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void connection(URI url, String method, String path, String key, List<String> questions, int id,
            long end, Run run, Path served) {
        long[] lat = new long[1 << 16];
        int n = 0;
        Map<Integer, Long> codes = new HashMap<>();
        int q = id * 7919;
        Socket socket = null;
        while (System.nanoTime() < end) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
                    socket.setSoTimeout(120_000);
                    socket.setTcpNoDelay(true);
                }
                String question = questions.get(Math.floorMod(q++, questions.size()));
                byte[] body = method.equals("POST")
                        ? ("{\"question\":\"" + question + "\"}").getBytes(StandardCharsets.UTF_8)
                        : new byte[0];
                String head = method + " " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n"
                        + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                        + (body.length > 0
                                ? "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                                : "")
                        + "\r\n";
                long t0 = System.nanoTime();
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.UTF_8));
                out.write(body);
                out.flush();
                Response r = Response.read(new BufferedInputStream(socket.getInputStream()));
                long took = System.nanoTime() - t0;
                if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = took;
                codes.merge(r.status, 1L, Long::sum);
                if (path.equals("/api/ask") && r.status == 200) {
                    check(r.body, run, served);
                }
                if (r.close) {
                    socket.close();
                    socket = null;
                }
            } catch (IOException e) {
                run.lost.incrementAndGet();
                System.err.println("connection " + id + " lost: " + e);
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException ignored) {
                    // closing a broken socket
                }
                socket = null;
            }
        }
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // done
        }
        run.add(lat, n, codes);
    }

    private static void check(String body, Run run, Path served) {
        if (body.contains("\"answered\":true")) {
            run.answered.incrementAndGet();
        } else {
            run.refused.incrementAndGet();
        }
        if (served != null) {
            Matcher m = CITED_FILE.matcher(body);
            while (m.find()) {
                if (!Files.exists(served.resolve(m.group(1)))) {
                    run.citedMissing.incrementAndGet();
                    System.err.println("cited a missing file: " + m.group(1));
                    break;
                }
            }
        }
    }

    /** One HTTP/1.1 response: Content-Length or chunked. */
    record Response(int status, String body, boolean close) {
        static Response read(InputStream in) throws IOException {
            String status = line(in);
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                throw new IOException("no response (got " + status + ")");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h; (h = line(in)) != null && !h.isEmpty();) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long size; (size = Long.parseLong(line(in).split(";", 2)[0].strip(), 16)) > 0;) {
                    body.write(in.readNBytes((int) size));
                    line(in);
                }
                while (!line(in).isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                byte[] b = in.readNBytes((int) length);
                if (b.length < length) {
                    throw new IOException("response cut short");
                }
                body.write(b);
            } else {
                body.write(in.readAllBytes());
                close = true;
            }
            return new Response(code, body.toString(StandardCharsets.UTF_8), close);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder();
            for (int c; (c = in.read()) != -1;) {
                if (c == '\n') {
                    int len = s.length();
                    return len > 0 && s.charAt(len - 1) == '\r' ? s.substring(0, len - 1) : s.toString();
                }
                s.append((char) c);
            }
            if (s.isEmpty()) {
                throw new IOException("connection closed by the server");
            }
            return s.toString();
        }
    }

    /** Adds a copy of an article every 250 ms and deletes the oldest copy once more than ten are there. */
    static final class Churn {
        private final Path dir;
        private final List<Path> sources;
        private final List<Path> made = new ArrayList<>();
        private volatile boolean stop;
        private Thread thread;
        int added;
        int deleted;

        Churn(Path dir, Path from) throws IOException {
            this.dir = dir;
            try (Stream<Path> files = Files.list(from)) {
                this.sources = files.filter(p -> p.toString().endsWith(".txt")).sorted().limit(500).toList();
            }
        }

        void start() {
            thread = new Thread(() -> {
                int i = 0;
                while (!stop) {
                    try {
                        Path target = dir.resolve("churn-" + i + "-" + sources.get(i % sources.size()).getFileName());
                        Files.copy(sources.get(i % sources.size()), target);
                        made.add(target);
                        added++;
                        i++;
                        if (made.size() > 10) {
                            Files.delete(made.remove(0));
                            deleted++;
                        }
                        Thread.sleep(250);
                    } catch (IOException e) {
                        System.err.println("churn: " + e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "churn");
            thread.start();
        }

        void stop() throws InterruptedException, IOException {
            stop = true;
            thread.join();
            for (Path p : made) {
                Files.deleteIfExists(p);
                deleted++;
            }
        }
    }
}
