package dev.footnote.cli;

import dev.footnote.bench.LoadBenchmark;
import dev.footnote.eval.Question;
import dev.footnote.eval.QuestionSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench load}: a steady load of asks on running servers, for a failover run, say. */
@Command(name = "load", mixinStandardHelpOptions = true, description = "Asks running Footnote servers questions at N connections for S seconds, the servers in turn; prints asks, failures, median and p95.")
final class BenchLoadCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL", required = true, description = "A server's address, e.g. http://localhost:7070; give it once per server.")
    List<String> urls;

    @Option(names = "--connections", paramLabel = "N", description = "Clients asking at once (default: ${DEFAULT-VALUE}).")
    int connections = 16;

    @Option(names = "--seconds", paramLabel = "S", description = "How long the load lasts (default: ${DEFAULT-VALUE}).")
    int seconds = 60;

    @Option(names = "--questions", paramLabel = "FILE", description = "Questions to ask in turn (questions.jsonl); default: a few built-in ones.")
    Path questions;

    @Override
    public Integer call() throws Exception {
        List<String> asked = questions == null
                ? dev.footnote.bench.AskBenchmark.DEFAULT_QUESTIONS
                : QuestionSet.read(questions).stream().map(Question::question).toList();
        System.out.printf("load: %d connections for %d s on %s, %d questions in turn%n", connections, seconds,
                String.join(" and ", urls), asked.size());
        LoadBenchmark.Figures f = new LoadBenchmark(urls, connections, Duration.ofSeconds(seconds), Main::log)
                .run(asked);
        f.perWindow().forEach(w -> System.out.println("  " + w));
        System.out.printf("asks %d (%.1f/s), failures %d%s; answered: median %.0f ms, p95 %.0f ms, max %.0f ms%n",
                f.asks(), f.asksPerSecond(), f.failures(), f.failuresBy().isEmpty() ? "" : " " + f.failuresBy(),
                f.medianMillis(), f.p95Millis(), f.maxMillis());
        return f.failures() == 0 ? 0 : 1;
    }
}
