package dev.footnote.index;

import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.corpus.ArticleReader;
import dev.footnote.corpus.ArticleTitle;
import dev.footnote.corpus.DocumentExtractor;
import dev.footnote.corpus.DocumentParser;
import dev.footnote.corpus.ExtractedDocument;
import dev.footnote.corpus.ExtractionException;
import dev.footnote.corpus.LineClassifier;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.PassageBuilder;
import dev.footnote.embed.Embedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * Brings the index in line with the articles folder: files whose bytes changed are re-read and replaced,
 * new files added, vanished files removed, and nothing else is touched. With an embedder, each distinct
 * sentence, heading, passage and article gets a vector, looked up first by its text in what is already indexed, so unchanged
 * text is never embedded twice; files that were indexed without vectors (or by another model) get them.
 * Work is committed every few seconds so that a crash loses at most that much; a file's documents are always
 * replaced as a whole.
 */
public final class Indexer {

    /** Ten seconds; {@code -Dfootnote.commitEveryMillis} changes it (the crash test commits often, to be killed between). */
    private static final long COMMIT_EVERY_NANOS = Long.getLong("footnote.commitEveryMillis", 10_000L) * 1_000_000L;
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;
    /** Texts gathered from several files before one call to the model: enough to keep both cores busy. */
    private static final int EMBED_BATCH = 256;
    /** Larger files are reported and skipped: no article is this long, and reading one could exhaust memory. */
    public static final long MAX_ARTICLE_BYTES = 64L * 1024 * 1024;

    private final ArticleReader reader = new ArticleReader();
    private final LineClassifier classifier = new LineClassifier();
    private final PassageBuilder builder = new PassageBuilder();
    private final ArticleTitle titles = new ArticleTitle();
    private final Embedder embedder;
    private final Consumer<String> log;
    /** Reads documents (PDF, HTML...) in a child process; null: one of this indexer's own, for each pass. */
    private final DocumentExtractor extractor;
    private final VectorPlan plan;

    /** An indexer that writes BM25 fields only. */
    public Indexer(Consumer<String> log) {
        this(null, log);
    }

    /** An indexer that also embeds, when {@code embedder} is not null. */
    public Indexer(Embedder embedder, Consumer<String> log) {
        this(embedder, log, null);
    }

    /**
     * An indexer whose documents go through {@code extractor}, which outlives the pass: it remembers the files
     * that failed, so a bad file is reported once, not at every pass.
     */
    public Indexer(Embedder embedder, Consumer<String> log, DocumentExtractor extractor) {
        this(embedder, log, extractor, VectorPlan.DEFAULT);
    }

    /** As above, with each kind of unit's vector made as {@code plan} says. */
    public Indexer(Embedder embedder, Consumer<String> log, DocumentExtractor extractor, VectorPlan plan) {
        this.embedder = embedder;
        this.log = log;
        this.extractor = extractor;
        this.plan = plan;
    }

    /**
     * A file read and cut into passages, waiting for its vectors: the units the model embeds (or the index already
     * has), and those whose vectors are derived from them.
     */
    private record Pending(Article article, String title, List<Passage> passages, List<Unit> embedded,
            List<Unit> derived) {
    }

    public IndexReport sync(ArticleFiles files, PassageStore index) throws IOException {
        DocumentExtractor documents = extractor != null ? extractor : new DocumentExtractor();
        try {
            return sync(files, index, documents);
        } finally {
            // The parsing child lives for one pass: a served folder keeps no idle JVM between changes.
            if (extractor == null) {
                documents.close();
            } else {
                documents.release();
            }
        }
    }

    private IndexReport sync(ArticleFiles files, PassageStore index, DocumentExtractor documents)
            throws IOException {
        SortedMap<String, Path> onDisk = files.list();
        Run run = new Run(index, onDisk.size());
        Map<String, PassageStore.IndexedFile> indexed = index.indexedFiles();
        String model = embedder == null ? "" : recorded(embedder, plan);

        for (String file : indexed.keySet()) {
            if (!onDisk.containsKey(file)) {
                index.remove(file);
                run.removed.add(file);
                run.dirty = true;
            }
        }
        for (var entry : onDisk.entrySet()) {
            String file = entry.getKey();
            byte[] bytes = read(files, file, entry.getValue(), run, documents);
            if (bytes == null) {
                continue;
            }
            PassageStore.IndexedFile known = indexed.get(file);
            String hash = ArticleReader.sha256(bytes);
            boolean sameBytes = known != null && known.hash().equals(hash);
            // Unchanged, unless it still lacks the vectors this run makes (a BM25-only index turned hybrid) or is
            // written in an older layout.
            if (sameBytes && known.layout() >= PassageStore.LAYOUT
                    && (embedder == null || model.equals(known.embedding()))) {
                run.unchanged++;
                continue;
            }
            Article article;
            if (DocumentParser.formatOf(file) != null) {
                article = extract(documents, file, bytes, hash, run);
                if (article == null) {
                    if (known != null) {
                        // Its old text is no longer what the file holds.
                        index.remove(file);
                        run.removed.add(file);
                        run.dirty = true;
                    }
                    continue;
                }
            } else {
                article = reader.parse(file, bytes);
            }
            if (!article.charset().isEmpty() && !article.charset().equals("UTF-8")) {
                log.accept("note: " + file + " is not valid UTF-8; read it as " + article.charset());
            }
            // Classified once: the passages and the title both read the same kinds of line.
            List<LineClassifier.Kind> kinds = classifier.classify(article.lines());
            List<Passage> passages = builder.build(article, kinds);
            String title = titles.of(article, kinds);
            (known == null ? run.added : run.changed).add(file);
            if (embedder == null) {
                index.put(article, title, passages);
                run.written(passages.size());
            } else {
                List<Unit> units = Unit.of(passages);
                run.pending.add(new Pending(article, title, passages,
                        units.stream().filter(u -> plan.embeds(u.kind())).toList(),
                        units.stream().filter(u -> plan.of(u.kind()) == VectorPlan.Source.DERIVED).toList()));
                run.pendingTexts += passages.size() * 2 + 1;
                if (run.pendingTexts >= EMBED_BATCH) {
                    flush(run);
                }
            }
            run.maybeCommit();
        }
        flush(run);
        if (run.dirty) {
            // A pass that wrote most of the files (a first build, an upgrade) leaves many segments, each searched
            // on its own; merged, a search is faster by more than the merge costs once.
            if (run.added.size() + run.changed.size() >= Math.max(1, onDisk.size() / 2)) {
                long merge = System.nanoTime();
                index.compact();
                log.accept(String.format("merged the index into one segment in %.1f s",
                        (System.nanoTime() - merge) / 1e9));
            }
            index.commit();
        }
        return new IndexReport(run.added, run.changed, run.removed, run.unchanged, run.failed, run.passages,
                run.embedded,
                (System.nanoTime() - run.start) / 1_000_000);
    }

    /**
     * What an index records as the maker of a file's vectors: the model, and which kinds it embedded or derived
     * ({@link VectorPlan#tag()}). A file indexed before article vectors existed, or under another plan, is
     * therefore redone once; its sentences' vectors come from the embedding cache, so only what the old plan
     * lacked costs model time.
     */
    static String recorded(Embedder embedder, VectorPlan plan) {
        return embedder.name() + plan.tag();
    }

    /**
     * A document's text through the extractor, or null when it has none: the reason is logged once for these
     * bytes, and listed among the pass's failures each time.
     */
    private Article extract(DocumentExtractor documents, String file, byte[] bytes, String hash, Run run) {
        String before = documents.failedBefore(file, hash);
        if (before != null) {
            run.failed.add(file + ": " + before);
            return null;
        }
        try {
            ExtractedDocument doc = documents.extract(file, bytes);
            documents.forget(file);
            if (!doc.note().isEmpty()) {
                log.accept("note: " + file + ": " + doc.note());
            }
            return doc.article(file, hash);
        } catch (ExtractionException e) {
            documents.remember(file, hash, e.getMessage());
            run.failed.add(file + ": " + e.getMessage());
            log.accept("skipped " + file + ": " + e.getMessage());
            return null;
        }
    }

    private byte[] read(ArticleFiles files, String file, Path path, Run run, DocumentExtractor documents) {
        try {
            long size = Files.size(path);
            if (size > MAX_ARTICLE_BYTES) {
                String why = "too large (" + size / (1024 * 1024) + " MB; the limit is "
                        + MAX_ARTICLE_BYTES / (1024 * 1024) + " MB)";
                run.failed.add(file + ": " + why);
                // Said once for this size, like every other file that is skipped.
                if (documents.failedBefore(file, "size:" + size) == null) {
                    documents.remember(file, "size:" + size, why);
                    log.accept("skipped " + file + ": too large to be an article (" + size + " bytes)");
                }
                return null;
            }
            return files.read(path);
        } catch (IOException | SecurityException e) {
            run.failed.add(file + ": " + e.getMessage());
            log.accept("skipped " + file + ": cannot read it (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Embeds what the pending files need that no index or earlier batch has, then writes them. */
    private void flush(Run run) throws IOException {
        if (run.pending.isEmpty()) {
            return;
        }
        List<String> hashes = new ArrayList<>();
        for (Pending p : run.pending) {
            p.embedded().forEach(u -> hashes.add(u.textHash()));
        }
        hashes.removeAll(run.fresh.keySet());
        Map<String, float[]> vectors = new HashMap<>(run.index.cachedVectors(hashes));
        Map<String, String> toEmbed = new java.util.LinkedHashMap<>();
        for (Pending p : run.pending) {
            for (Unit u : p.embedded()) {
                if (!vectors.containsKey(u.textHash()) && !run.fresh.containsKey(u.textHash())) {
                    toEmbed.putIfAbsent(u.textHash(), u.text());
                }
            }
        }
        if (!toEmbed.isEmpty()) {
            long t0 = System.nanoTime();
            List<float[]> embedded = embedder.embed(new ArrayList<>(toEmbed.values()));
            run.embedNanos += System.nanoTime() - t0;
            run.embedded += embedded.size();
            int i = 0;
            for (String h : toEmbed.keySet()) {
                run.fresh.put(h, embedded.get(i++));
            }
        }
        for (Pending p : run.pending) {
            List<Unit> units = new ArrayList<>(p.embedded().size() + p.derived().size());
            for (Unit u : p.embedded()) {
                float[] v = run.fresh.containsKey(u.textHash())
                        ? run.fresh.get(u.textHash())
                        : vectors.get(u.textHash());
                units.add(u.withVector(v));
            }
            units.addAll(Unit.derive(p.derived(), units));
            run.index.put(p.article(), p.title(), p.passages(), units, recorded(embedder, plan));
            run.written(p.passages().size());
        }
        run.pending.clear();
        run.pendingTexts = 0;
        run.progress();
    }

    /** The state of one pass. */
    private final class Run {
        final PassageStore index;
        final int totalFiles;
        final long start = System.nanoTime();
        final List<String> added = new ArrayList<>();
        final List<String> changed = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        final List<Pending> pending = new ArrayList<>();
        /** Vectors made in this pass and not yet committed, so a text repeated across files is embedded once. */
        final Map<String, float[]> fresh = new HashMap<>();
        int unchanged;
        int passages;
        int pendingTexts;
        int embedded;
        long embedNanos;
        boolean dirty;
        long lastCommit = System.nanoTime();
        long lastProgress = System.nanoTime();

        Run(PassageStore index, int totalFiles) {
            this.index = index;
            this.totalFiles = totalFiles;
        }

        void written(int count) {
            passages += count;
            dirty = true;
        }

        void maybeCommit() throws IOException {
            if (dirty && System.nanoTime() - lastCommit > COMMIT_EVERY_NANOS) {
                index.commit();
                lastCommit = System.nanoTime();
                dirty = false;
            }
            progress();
        }

        void progress() {
            long now = System.nanoTime();
            if (now - lastProgress < PROGRESS_EVERY_NANOS) {
                return;
            }
            lastProgress = now;
            double seconds = (now - start) / 1e9;
            int visited = added.size() + changed.size() + unchanged + failed.size();
            double left = visited == 0 ? 0 : (totalFiles - visited) * seconds / visited;
            log.accept(String.format("indexing: %d/%d files, %d passages written, %.0f passages/s%s, about %.0f s left",
                    visited, totalFiles, passages, passages / seconds,
                    embedNanos == 0
                            ? ""
                            : String.format(" (%d texts embedded, %.0f/s)", embedded, embedded / (embedNanos / 1e9)),
                    left));
        }
    }
}
