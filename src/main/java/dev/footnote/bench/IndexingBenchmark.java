package dev.footnote.bench;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.corpus.ArticleReader;
import dev.footnote.corpus.DocumentExtractor;
import dev.footnote.corpus.DocumentParser;
import dev.footnote.corpus.ExtractionException;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.PassageBuilder;
import dev.footnote.embed.BgeSmallEmbedder;
import dev.footnote.embed.Embedder;
import dev.footnote.index.IndexReport;
import dev.footnote.index.Unit;
import dev.footnote.index.VectorPlan;
import dev.footnote.retrieve.Retrieval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Indexing throughput: passages per second into a fresh index in a temporary folder. Each run also measures
 * reading and cutting the files alone and, when the retrieval needs vectors, the embedding model alone on the
 * very texts the index embeds, since only ratios to a baseline from the same run compare across machines.
 */
public final class IndexingBenchmark {

    private final Config config;
    private final int runs;

    /** Measures {@code config}'s collection and retrieval; its index folder holds only the model's natives. */
    public IndexingBenchmark(Config config, int runs) {
        this.config = config;
        this.runs = runs;
    }

    /**
     * The figures for the first {@code files} files of the collection, copied to a temporary folder (whole
     * collections can take minutes a run), or for every file when {@code files} is null.
     */
    public Figures run(Integer files) throws IOException {
        if (files == null) {
            return measure(config.articles());
        }
        Path subset = Files.createTempDirectory("footnote-bench-articles");
        try {
            int n = 0;
            for (var e : new ArticleFiles(config.articles()).list().entrySet()) {
                if (n++ == files) {
                    break;
                }
                Path to = subset.resolve(e.getKey());
                Files.createDirectories(to.getParent());
                Files.copy(e.getValue(), to);
            }
            return measure(subset);
        } finally {
            deleteTree(subset);
        }
    }

    private Figures measure(Path source) throws IOException {
        List<Double> parse = new ArrayList<>();
        List<Double> model = new ArrayList<>();
        List<Double> index = new ArrayList<>();
        List<Double> filesPerSecond = new ArrayList<>();
        List<Double> megabytesPerSecond = new ArrayList<>();
        int fileCount = 0;
        long bytes = 0;
        int passages = 0;
        int texts = 0;
        Embedder embedder = config.retrieval().needsVectors()
                ? BgeSmallEmbedder.load(config.index().resolve("native"), false)
                : null;
        for (int r = 0; r < runs; r++) {
            // Baseline 1: reading and cutting every file into passages, no index.
            long t0 = System.nanoTime();
            int n = 0;
            ArticleReader reader = new ArticleReader();
            PassageBuilder builder = new PassageBuilder();
            Map<String, String> unitTexts = new LinkedHashMap<>();
            // Indexed from empty, the plan "as the index was made" is the default.
            VectorPlan plan = config.vectors() == null ? VectorPlan.DEFAULT : config.vectors();
            ArticleFiles files = new ArticleFiles(source);
            DocumentParser documents = new DocumentParser(DocumentExtractor.Limits.DEFAULTS.maxChars());
            fileCount = 0;
            bytes = 0;
            for (var e : files.list().entrySet()) {
                byte[] content = files.read(e.getValue());
                fileCount++;
                bytes += content.length;
                // Documents are parsed here in-process: the baseline leaves out the child process indexing uses.
                Article article = reader.parse(e.getKey(), content);
                if (DocumentParser.formatOf(e.getKey()) != null) {
                    try {
                        article = documents.parse(e.getKey(), content).article(e.getKey(), "");
                    } catch (ExtractionException x) {
                        continue;
                    }
                }
                List<Passage> built = builder.build(article);
                n += built.size();
                // The texts the plan has the model embed; derived vectors cost no model time.
                Unit.of(built).stream().filter(u -> plan.embeds(u.kind()))
                        .forEach(u -> unitTexts.putIfAbsent(u.textHash(), u.text()));
            }
            parse.add(n / Elapsed.seconds(t0));
            // Baseline 2: the embedding model alone on the very texts indexing will embed.
            if (embedder != null) {
                long t1 = System.nanoTime();
                embedder.embed(new ArrayList<>(unitTexts.values()));
                model.add(n / Elapsed.seconds(t1));
                texts = unitTexts.size();
            }
            Path dir = Files.createTempDirectory("footnote-bench-index");
            try (Footnote f = Footnote.open(config.withArticles(source).withIndex(dir), line -> {})) {
                long t2 = System.nanoTime();
                IndexReport report = f.sync();
                double seconds = Elapsed.seconds(t2);
                index.add(report.passagesWritten() / seconds);
                filesPerSecond.add(fileCount / seconds);
                megabytesPerSecond.add(bytes / 1e6 / seconds);
                passages = report.passagesWritten();
            } finally {
                deleteTree(dir);
            }
        }
        Optional<ModelAlone> alone = embedder == null
                ? Optional.empty()
                : Optional.of(new ModelAlone(texts, new Runs(model)));
        return new Figures(config.retrieval(), passages, new Runs(index), new Runs(parse), alone, fileCount, bytes,
                new Runs(filesPerSecond), new Runs(megabytesPerSecond));
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * What indexing from scratch measured.
     *
     * @param passages          passages in the index
     * @param passagesPerSecond indexing throughput per run
     * @param parsingAlone      passages per second read and cut, no index
     * @param modelAlone        the embedding model's own throughput; empty when the retrieval needs no vectors
     * @param files             files in the collection
     * @param bytes             their size
     * @param filesPerSecond    indexing throughput per run, in files (documents parsed in the child process)
     * @param megabytesPerSecond the same in MB (10^6 bytes) of files read
     */
    public record Figures(Retrieval retrieval, int passages, Runs passagesPerSecond, Runs parsingAlone,
            Optional<ModelAlone> modelAlone, int files, long bytes, Runs filesPerSecond, Runs megabytesPerSecond) {
    }

    /**
     * The embedding model alone on the texts the index embeds.
     *
     * @param texts             distinct texts embedded
     * @param passagesPerSecond per run, counted in passages so it compares with indexing throughput
     */
    public record ModelAlone(int texts, Runs passagesPerSecond) {
    }
}
