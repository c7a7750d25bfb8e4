package dev.footnote.bench;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.conversation.ConversationSettings;
import dev.footnote.json.Json;
import dev.footnote.server.FootnoteServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Warm ask latency: {@code POST /api/ask} over loopback to a server in this JVM, after a warm-up, beside
 * retrieval alone in-process for the same questions, so the HTTP and answering cost shows apart from search.
 */
public final class AskBenchmark {

    /** Asked when no question set is given: questions about the sample articles. */
    public static final List<String> DEFAULT_QUESTIONS = List.of("How many Palestinians have sought refuge in Rafah?",
            "Who is the head of Hamas' Political Bureau?", "What is the population of Cairo?",
            "Where did the Hamas delegation go after leaving Cairo?");

    /** Requests before timing starts, enough for the JIT, the caches and the connections to settle. */
    private static final int WARM_UP = 2000;

    private final Config config;
    private final int runs;
    private final int requests;
    private final Consumer<String> log;

    /** Asks {@code requests} timed questions in each of {@code runs} runs; {@code log} gets the indexing. */
    public AskBenchmark(Config config, int runs, int requests, Consumer<String> log) {
        this.config = config;
        this.runs = runs;
        this.requests = requests;
        this.log = log;
    }

    /** The figures for asking {@code questions} in turn. */
    public Figures run(List<String> questions) throws IOException, InterruptedException {
        // Each timed question starts a conversation; kept in memory, so the figure is not one of file writes.
        try (Footnote f = Footnote.open(config.withConversations(
                config.conversations().withStore(ConversationSettings.MEMORY)), log)) {
            f.sync();
            FootnoteServer server = new FootnoteServer(f.service(), f).start("127.0.0.1", 0);
            try {
                HttpClient http = HttpClient.newHttpClient();
                URI ask = URI.create("http://127.0.0.1:" + server.port() + "/api/ask");
                for (int i = 0; i < WARM_UP; i++) {
                    post(http, ask, questions.get(i % questions.size()));
                }
                List<Double> medians = new ArrayList<>();
                List<Double> p95s = new ArrayList<>();
                List<Double> retrieval = new ArrayList<>();
                int q = 0;
                for (int r = 0; r < runs; r++) {
                    double[] times = new double[requests];
                    double[] search = new double[requests];
                    for (int i = 0; i < requests; i++, q++) {
                        String question = questions.get(q % questions.size());
                        long t0 = System.nanoTime();
                        f.service().retriever().search(question, 5);
                        search[i] = Elapsed.millis(t0);
                        long t1 = System.nanoTime();
                        int status = post(http, ask, question);
                        times[i] = Elapsed.millis(t1);
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
                return new Figures(new Runs(medians), new Runs(p95s), new Runs(retrieval), questions.size());
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

    /**
     * What asking measured, in milliseconds per run.
     *
     * @param medians   each run's median ask
     * @param p95s      each run's 95th percentile ask
     * @param retrieval each run's median retrieval alone, in-process
     * @param questions questions asked in turn
     */
    public record Figures(Runs medians, Runs p95s, Runs retrieval, int questions) {
    }
}
