package dev.footnote.cli;

import dev.footnote.bench.SyntheticCollection;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a large collection of real sentences recombined, and questions on it, for {@code bench scale}. */
@Command(name = "corpus", mixinStandardHelpOptions = true, description = "Writes a synthetic collection of real SQuAD and SciFact sentences recombined (about 5 passages a file) and a questions file on it.")
final class BenchCorpusCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "Folder holding squad-v1.1/ and scifact/ (articles and questions).")
    Path from;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New or empty folder for articles/ and questions.jsonl.")
    Path out;

    @Option(names = "--files", paramLabel = "N", description = "Files to write (default: ${DEFAULT-VALUE}).")
    int files = 200_000;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed; the same seed writes the same files (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Option(names = "--question-paragraphs", paramLabel = "N", description = "SQuAD paragraphs placed whole, once each, whose questions go to questions.jsonl (default: ${DEFAULT-VALUE}).")
    int paragraphs = 500;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        SyntheticCollection.Result r = new SyntheticCollection(
                new SyntheticCollection.Settings(from, out, files, seed, paragraphs)).write(Main::log);
        System.out.printf("wrote %d files (%.1f MB) in %s: %d passages by Footnote's parser (%.2f a file); "
                + "%d questions in %s%n", r.files(), r.bytes() / 1e6, out.resolve("articles"), r.passages(),
                (double) r.passages() / r.files(), r.questions(), out.resolve("questions.jsonl"));
        System.out.printf("drawn from %d sentences and %d headlines; seed %d; %.1f s%n", r.sentences(),
                r.headlines(), seed, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
