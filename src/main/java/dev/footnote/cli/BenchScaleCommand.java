package dev.footnote.cli;

import dev.footnote.Config;
import dev.footnote.bench.ScaleBenchmark;
import dev.footnote.eval.Question;
import dev.footnote.eval.QuestionSet;
import dev.footnote.index.BackendSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Footnote on a large collection: indexing from empty, warm asks at one and many connections against a server
 * process, memory and disk. With {@code --backend solr} the embedded index is measured first in the same run,
 * and the Solr figures are printed as ratios to it.
 */
@Command(name = "scale", mixinStandardHelpOptions = true, description = "Indexing throughput from empty, warm ask latency at 1 and N connections against a serve process, memory of each process and index size, per backend.")
final class BenchScaleCommand implements Callable<Integer> {

    @Mixin
    CollectionOptions collection;

    @Option(names = "--questions", required = true, paramLabel = "FILE", description = "Questions to ask (questions.jsonl, e.g. the one 'bench corpus' writes).")
    Path questions;

    @Option(names = "--index-runs", paramLabel = "N", description = "Indexing runs from empty (default: ${DEFAULT-VALUE}); 0 asks the index and collection as they stand, indexed before.")
    int indexRuns = 1;

    @Option(names = "--ask-runs", paramLabel = "N", description = "Timed runs at each concurrency (default: ${DEFAULT-VALUE}).")
    int askRuns = 3;

    @Option(names = "--requests", paramLabel = "N", description = "Asks per timed run (default: ${DEFAULT-VALUE}).")
    int requests = 500;

    @Option(names = "--connections", paramLabel = "N", description = "Concurrent connections of the second concurrency (default: ${DEFAULT-VALUE}).")
    int connections = 16;

    @Option(names = "--warm-up", paramLabel = "N", description = "Asks before timing starts (default: ${DEFAULT-VALUE}).")
    int warmUp = 2000;

    @Override
    public Integer call() throws Exception {
        List<Question> asked = QuestionSet.read(questions);
        if (asked.isEmpty()) {
            throw new IllegalArgumentException(questions + " holds no questions");
        }
        if (indexRuns < 0) {
            throw new IllegalArgumentException("--index-runs must be 0 or more");
        }
        Config config = collection.config();
        ScaleBenchmark bench = new ScaleBenchmark(
                new ScaleBenchmark.Settings(indexRuns, askRuns, requests, connections, warmUp,
                        collection.clusterDir),
                Main::log);
        System.out.printf("collection %s, %s retrieval; load average %.2f on %d cores%n", collection.articles,
                config.retrieval(), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        List<ScaleBenchmark.Figures> all = new ArrayList<>();
        // The embedded index is the baseline of every run; another backend is measured after it.
        Config embedded = config.withBackend(config.backend().withKind(BackendSettings.Kind.LUCENE));
        all.add(print(bench.run(embedded, asked)));
        if (config.backend().kind() != BackendSettings.Kind.LUCENE) {
            ScaleBenchmark.Figures other = print(bench.run(config, asked));
            all.add(other);
            ratios(all.get(0), other);
        }
        return 0;
    }

    private static ScaleBenchmark.Figures print(ScaleBenchmark.Figures f) {
        if (f.indexSeconds().values().isEmpty()) {
            System.out.printf("%s (%s): %d passages in %d files, indexed before this run (--index-runs 0)%n",
                    f.backend(), f.retrieval(), f.passages(), f.files());
        } else {
            System.out.printf("%s (%s): %d passages in %d files%s; indexing from empty median %.1f s, %.0f "
                    + "passages/s (runs: %s passages/s)%n", f.backend(), f.retrieval(), f.passages(), f.files(),
                    f.textsEmbedded() == 0 ? "" : ", " + f.textsEmbedded() + " texts embedded",
                    f.indexSeconds().median(), f.passagesPerSecond().median(), f.passagesPerSecond().format());
        }
        for (ScaleBenchmark.Asking a : f.asking()) {
            System.out.printf("  POST /api/ask, %d connection%s: median %.1f ms, p95 %.1f ms, %.1f answers/s "
                    + "(run medians: %s ms)%n", a.connections(), a.connections() == 1 ? "" : "s", a.medians().median(),
                    a.p95s().median(), a.perSecond().median(), a.medians().format());
        }
        if (f.goldAsked() > 0) {
            System.out.printf("  answers citing the question's gold file: %.1f%% of %d asks (1 connection) whose gold "
                    + "file is in the collection%n", 100 * f.goldCited(), f.goldAsked());
        }
        for (ScaleBenchmark.Memory m : f.memory()) {
            System.out.printf("  memory, %s (pid %d): resident %s MB, peak %.0f MB%n", m.process(), m.pid(),
                    m.rssKb() == 0 ? "-" : String.format("%.0f", m.rssKb() / 1024.0), m.peakKb() / 1024.0);
        }
        System.out.printf("  index on disk: %.1f MB, %.0f bytes a passage%n", f.diskBytes() / 1e6,
                (double) f.diskBytes() / Math.max(1, f.passages()));
        return f;
    }

    private static void ratios(ScaleBenchmark.Figures base, ScaleBenchmark.Figures other) {
        List<String> parts = new ArrayList<>();
        if (!base.indexSeconds().values().isEmpty()) {
            parts.add(String.format("indexing throughput %.2fx", other.passagesPerSecond().median()
                    / base.passagesPerSecond().median()));
        }
        for (int i = 0; i < other.asking().size(); i++) {
            ScaleBenchmark.Asking a = other.asking().get(i);
            parts.add(String.format("ask median at %d: %.2fx", a.connections(),
                    a.medians().median() / base.asking().get(i).medians().median()));
        }
        parts.add(String.format("disk %.2fx", (double) other.diskBytes() / Math.max(1, base.diskBytes())));
        System.out.printf("%s / %s: %s%n", other.backend(), base.backend(), String.join("; ", parts));
    }
}
