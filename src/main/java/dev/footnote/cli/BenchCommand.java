package dev.footnote.cli;

import dev.footnote.Config;
import dev.footnote.bench.AskBenchmark;
import dev.footnote.bench.IndexingBenchmark;
import dev.footnote.bench.PeerBenchmark;
import dev.footnote.bench.StartupBenchmark;
import dev.footnote.eval.Question;
import dev.footnote.eval.QuestionSet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures what the README promises: indexing throughput, time from launch to a ready server, and warm
 * {@code POST /api/ask} latency over loopback. The measuring is in {@code dev.footnote.bench}; this command reads
 * the options and prints each figure as its median over the runs, next to a baseline from the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {
        BenchCorpusCommand.class,
        BenchScaleCommand.class,
        BenchLoadCommand.class}, description = "Benchmarks indexing, start-up and warm ask latency; prints medians over several runs.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    CollectionOptions collection;

    @Option(names = "--questions", paramLabel = "FILE", description = "Questions to ask (questions.jsonl); default: a few built-in ones.")
    Path questions;

    @Option(names = "--runs", paramLabel = "N", description = "Runs per figure (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--requests", paramLabel = "N", description = "Timed asks per run (default: ${DEFAULT-VALUE}).")
    int requests = 300;

    @Option(names = "--skip-indexing", arity = "0..1", fallbackValue = "true", description = "Leave out the indexing benchmark (slow on large collections).")
    boolean skipIndexing;

    @Option(names = "--skip-startup", arity = "0..1", fallbackValue = "true", description = "Leave out the start-up benchmark.")
    boolean skipStartup;

    @Option(names = "--skip-ask", arity = "0..1", fallbackValue = "true", description = "Leave out the warm ask benchmark (to measure indexing alone, for example per document format).")
    boolean skipAsk;

    @Option(names = "--files", paramLabel = "N", description = "Benchmark indexing on the first N files only (a copy in a temporary folder).")
    Integer files;

    @Option(names = "--peer-questions", paramLabel = "FILE", description = "Also index the collection with LangChain4j's standard ingestion (the peer/ module) and print both systems side by side: wall time from an empty index, passages per second, and file-level nDCG@10 on these questions.")
    Path peerQuestions;

    @Option(names = "--peer-jar", paramLabel = "JAR", description = "The peer module's jar (default: peer/target/footnote-peer.jar of this build).")
    Path peerJar;

    @Override
    public Integer call() throws Exception {
        List<String> asked = questions == null
                ? AskBenchmark.DEFAULT_QUESTIONS
                : QuestionSet.read(questions).stream().map(Question::question).toList();
        Config config = collection.config();
        System.out.printf("collection %s, %d runs%n", collection.articles, runs);
        // Each figure is printed as soon as it is measured: the later ones take a while.
        if (!skipIndexing) {
            print(new IndexingBenchmark(config, runs).run(files));
        }
        if (!skipStartup) {
            print(new StartupBenchmark(config, runs, Main::log).run());
        }
        if (!skipAsk) {
            print(new AskBenchmark(config, runs, requests, Main::log).run(asked));
        }
        if (peerQuestions != null) {
            print(new PeerBenchmark(config, LocalCluster.currentJava(),
                    peerJar == null ? LocalCluster.projectFile("peer/target/footnote-peer.jar") : peerJar, Main::log)
                    .run(peerQuestions));
        }
        return 0;
    }

    private static void print(IndexingBenchmark.Figures f) {
        System.out.printf("indexing from scratch (%s): %d passages; median %.0f passages/s (runs: %s); "
                + "parsing alone %.0f passages/s%n",
                f.retrieval(), f.passages(), f.passagesPerSecond().median(), f.passagesPerSecond().format(),
                f.parsingAlone().median());
        System.out.printf("  %d files, %.2f MB: median %.1f files/s, %.2f MB/s (runs: %s files/s)%n", f.files(),
                f.bytes() / 1e6, f.filesPerSecond().median(), f.megabytesPerSecond().median(),
                f.filesPerSecond().format());
        f.modelAlone().ifPresent(m -> System.out.printf(
                "  embedding model alone on the same %d texts: median %.0f passages/s (runs: %s); "
                        + "indexing reaches %.0f%% of it%n",
                m.texts(), m.passagesPerSecond().median(), m.passagesPerSecond().format(),
                100 * f.passagesPerSecond().median() / m.passagesPerSecond().median()));
    }

    private static void print(PeerBenchmark.Figures f) {
        System.out.println("side by side, from an empty index (" + f.footnote().files() + " files):");
        System.out.printf("  %-36s %9s %10s %12s %8s%n", "system", "passages", "wall s", "passages/s", "nDCG@10");
        for (PeerBenchmark.Side s : List.of(f.footnote(), f.peer())) {
            System.out.printf("  %-36s %9d %10.1f %12.1f %8.4f%n", s.system(), s.passages(), s.seconds(),
                    s.passagesPerSecond(), s.ndcgAt10());
        }
        System.out.printf("  Footnote's wall time is %.2fx the peer's; nDCG@10 %+.4f (%d answerable questions)%n",
                f.footnote().seconds() / f.peer().seconds(), f.footnote().ndcgAt10() - f.peer().ndcgAt10(),
                f.footnote().questions());
    }

    private static void print(StartupBenchmark.Figures f) {
        System.out.printf("start-up with an existing index (%s): median %.0f ms to a 200 from /api/health (runs: %s); "
                + "JVM start alone (--version) %.0f ms%n", f.retrieval(), f.ready().median(), f.ready().format(),
                f.jvm().median());
        System.out.printf("re-indexing the unchanged collection (a whole 'index' run): median %.0f ms (runs: %s)%n",
                f.reindex().median(), f.reindex().format());
    }

    private static void print(AskBenchmark.Figures f) {
        System.out.printf("warm POST /api/ask over loopback: median %.2f ms, p95 %.2f ms (run medians: %s); "
                + "retrieval alone in-process %.2f ms; %d distinct questions%n",
                f.medians().median(), f.p95s().median(), f.medians().format(), f.retrieval().median(), f.questions());
    }
}
