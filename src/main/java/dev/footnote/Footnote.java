package dev.footnote;

import dev.footnote.answer.AskService;
import dev.footnote.answer.CitationChecker;
import dev.footnote.answer.ExtractiveAnswerer;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.index.IndexReport;
import dev.footnote.index.Indexer;
import dev.footnote.index.PassageIndex;
import dev.footnote.index.Retrieval;
import dev.footnote.index.Retriever;
import dev.footnote.embed.BgeSmallEmbedder;
import dev.footnote.embed.Embedder;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A collection folder, its index and the question service over them: what every entry point opens. */
public final class Footnote implements Closeable {

    private final ArticleFiles files;
    private final PassageIndex index;
    private final Embedder embedder;
    private final AskService service;
    private final Consumer<String> log;

    private Footnote(ArticleFiles files, PassageIndex index, Embedder embedder, Retrieval mode,
                     Retriever.Settings settings, Consumer<String> log) {
        this.files = files;
        this.index = index;
        this.embedder = embedder;
        this.log = log;
        Retriever retriever = new Retriever(index, embedder, mode, settings);
        this.service = new AskService(retriever, new ExtractiveAnswerer(retriever), new CitationChecker(index));
    }

    /** Opens with the default retrieval, hybrid. */
    public static Footnote open(Path articles, Path indexDir, Consumer<String> log) throws IOException {
        return open(articles, indexDir, Retrieval.HYBRID, log);
    }

    /**
     * Opens the collection and its index; vector and hybrid retrieval load the embedding model, whose native
     * files go under the index folder rather than the user's home.
     */
    public static Footnote open(Path articles, Path indexDir, Retrieval mode, Consumer<String> log) throws IOException {
        return open(articles, indexDir, mode, Retriever.Settings.DEFAULT, log);
    }

    /** As {@link #open(Path, Path, Retrieval, Consumer)}, with retrieval settings other than the defaults. */
    public static Footnote open(Path articles, Path indexDir, Retrieval mode, Retriever.Settings settings,
                                Consumer<String> log) throws IOException {
        Embedder embedder = mode.needsVectors() ? BgeSmallEmbedder.load(indexDir.resolve("native"), false) : null;
        return new Footnote(new ArticleFiles(articles), PassageIndex.open(indexDir), embedder, mode, settings, log);
    }

    /**
     * Brings the index up to date with the folder. When another process holds the index for writing,
     * this one answers from the last committed index instead.
     */
    public IndexReport sync() throws IOException {
        if (!index.writable()) {
            log.accept("the index is being written by another process; answering from its last commit");
            index.refresh();
            return null;
        }
        return new Indexer(embedder, log).sync(files, index);
    }

    public ArticleFiles files() {
        return files;
    }

    public PassageIndex index() {
        return index;
    }

    public AskService service() {
        return service;
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
