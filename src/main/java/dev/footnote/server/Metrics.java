package dev.footnote.server;

import dev.footnote.answer.Answer;
import dev.footnote.ask.AskService;
import dev.footnote.ask.Library;
import dev.footnote.index.FolderWatcher;
import dev.footnote.index.IndexStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * What {@code GET /metrics} shows, in Prometheus's text format: requests by route and status, answer latency by
 * stage as histograms, refusals, citations the check dropped, requests turned away, the index's size and how far
 * it lags behind the folder, and the JVM's memory and threads.
 */
public final class Metrics {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer retrieve;
    private final Timer answer;
    private final Counter answers;
    private final Counter refusals;
    private final Counter dropped;

    /** Metrics that count {@code service}'s answers and show {@code library}'s size and, if watched, freshness. */
    public static Metrics of(AskService service, Library library) {
        Metrics metrics = new Metrics(library);
        service.observe(metrics::answer);
        library.watcher().ifPresent(metrics::watch);
        return metrics;
    }

    private Metrics(Library index) {
        retrieve = stage("retrieve");
        answer = stage("answer");
        answers = Counter.builder("footnote.answers").description("Answers given, refusals included")
                .register(registry);
        refusals = Counter.builder("footnote.answers.refused")
                .description("Answers with answered false: refusals, and model replies that cite no passage")
                .register(registry);
        dropped = Counter.builder("footnote.citations.dropped")
                .description("Proposed citations the check left out").register(registry);
        gauge("footnote.index.articles", "Articles in the searchable index", index, i -> stats(i).articles());
        gauge("footnote.index.passages", "Passages in the searchable index", index, i -> stats(i).passages());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    private Timer stage(String stage) {
        return Timer.builder("footnote.answer.duration").description("Time to answer a question, by stage")
                .tag("stage", stage).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    private <T> void gauge(String name, String description, T on, ToDoubleFunction<T> value) {
        Gauge.builder(name, on, value).description(description).strongReference(true).register(registry);
    }

    private static IndexStats stats(Library index) {
        try {
            return index.stats();
        } catch (IOException | RuntimeException e) {
            return new IndexStats(-1, -1, "");
        }
    }

    /** Shows the watcher's state: changes waiting and how long the oldest has waited. */
    private void watch(FolderWatcher watcher) {
        gauge("footnote.index.pending.changes", "Changed article files not yet in the index", watcher,
                w -> w.status().pendingChanges());
        gauge("footnote.index.update.lag.seconds", "How long the oldest change not yet indexed has waited", watcher,
                w -> w.status().lagMillis() / 1000.0);
        Timer applied = Timer.builder("footnote.index.update.delay")
                .description("From a change seen in the folder to its being searchable").register(registry);
        watcher.onApplied(nanos -> applied.record(nanos, TimeUnit.NANOSECONDS));
    }

    public void request(String method, String route, int status, long nanos) {
        Timer.builder("footnote.http.requests").description("HTTP requests by route and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A request turned away before it was served: unauthorized, rate_limited or overloaded. */
    public void rejected(String reason) {
        registry.counter("footnote.http.rejected", "reason", reason).increment();
    }

    public void answer(Answer a) {
        answers.increment();
        if (!a.answered()) {
            refusals.increment();
        }
        dropped.increment(a.droppedCitations());
        if (a.timingsMs() != null) {
            retrieve.record((long) (a.timingsMs().retrieve() * 1e6), TimeUnit.NANOSECONDS);
            answer.record((long) (a.timingsMs().answer() * 1e6), TimeUnit.NANOSECONDS);
        }
    }

    /** A reader's verdict on an answer, {@code up} or {@code down}, recorded in the feedback file. */
    public void feedback(String verdict) {
        Counter.builder("footnote.feedback").description("Verdicts readers gave on answers (POST /api/feedback)")
                .tag("verdict", verdict).register(registry).increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
