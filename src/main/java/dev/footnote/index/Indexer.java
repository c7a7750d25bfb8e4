package dev.footnote.index;

import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.corpus.ArticleReader;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.PassageBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * Brings the index in line with the articles folder: files whose bytes changed are re-read and replaced,
 * new files added, vanished files removed, and nothing else is touched. Work is committed every few seconds
 * so that a crash loses at most that much; a file's documents are always replaced as a whole.
 */
public final class Indexer {

    private static final long COMMIT_EVERY_NANOS = 10_000_000_000L;
    /** Larger files are reported and skipped: no article is this long, and reading one could exhaust memory. */
    public static final long MAX_ARTICLE_BYTES = 64L * 1024 * 1024;

    private final ArticleReader reader = new ArticleReader();
    private final PassageBuilder builder = new PassageBuilder();
    private final Consumer<String> log;

    public Indexer(Consumer<String> log) {
        this.log = log;
    }

    public IndexReport sync(ArticleFiles files, PassageIndex index) throws IOException {
        long start = System.nanoTime();
        SortedMap<String, Path> onDisk = files.list();
        Map<String, String> indexed = index.indexedHashes();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int unchanged = 0;
        int passages = 0;
        long lastCommit = System.nanoTime();
        boolean dirty = false;

        for (String file : indexed.keySet()) {
            if (!onDisk.containsKey(file)) {
                index.remove(file);
                removed.add(file);
                dirty = true;
            }
        }
        for (var entry : onDisk.entrySet()) {
            String file = entry.getKey();
            byte[] bytes;
            try {
                long size = Files.size(entry.getValue());
                if (size > MAX_ARTICLE_BYTES) {
                    failed.add(file + ": too large (" + size / (1024 * 1024) + " MB; the limit is "
                            + MAX_ARTICLE_BYTES / (1024 * 1024) + " MB)");
                    log.accept("skipped " + file + ": too large to be an article (" + size + " bytes)");
                    continue;
                }
                bytes = Files.readAllBytes(entry.getValue());
            } catch (IOException | SecurityException e) {
                failed.add(file + ": " + e.getMessage());
                log.accept("skipped " + file + ": cannot read it (" + e.getMessage() + ")");
                continue;
            }
            String known = indexed.get(file);
            if (known != null && known.equals(ArticleReader.sha256(bytes))) {
                unchanged++;
                continue;
            }
            Article article = reader.parse(file, bytes);
            if (!article.charset().equals("UTF-8")) {
                log.accept("note: " + file + " is not valid UTF-8; read it as " + article.charset());
            }
            List<Passage> built = builder.build(article);
            index.put(article, built);
            passages += built.size();
            (known == null ? added : changed).add(file);
            dirty = true;
            if (System.nanoTime() - lastCommit > COMMIT_EVERY_NANOS) {
                index.commit();
                lastCommit = System.nanoTime();
                dirty = false;
                log.accept("progress: " + (added.size() + changed.size() + unchanged) + "/" + onDisk.size() + " files");
            }
        }
        if (dirty) {
            index.commit();
        }
        return new IndexReport(added, changed, removed, unchanged, failed, passages,
                (System.nanoTime() - start) / 1_000_000);
    }
}
