package dev.footnote;

import dev.footnote.ask.AskService;
import dev.footnote.answer.CitationChecker;
import dev.footnote.answer.ExtractiveAnswerer;
import dev.footnote.conversation.Conversations;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.embed.BgeSmallEmbedder;
import dev.footnote.embed.Embedder;
import dev.footnote.index.IndexReport;
import dev.footnote.index.Indexer;
import dev.footnote.index.PassageIndex;
import dev.footnote.retrieve.Retrieval;
import dev.footnote.retrieve.Retriever;
import dev.footnote.model.LanguageModels;
import dev.footnote.model.LanguageModel;
import dev.footnote.model.ModelSettings;
import dev.footnote.model.Prompts;
import dev.footnote.model.Provider;
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

    private Footnote(ArticleFiles files, PassageIndex index, Embedder embedder, Retriever retriever,
                     ModelSettings model, Prompts prompts, Consumer<String> log) {
        this.files = files;
        this.index = index;
        this.embedder = embedder;
        this.log = log;
        LanguageModel language = LanguageModels.create(model);
        this.service = new AskService(retriever, new ExtractiveAnswerer(retriever), new CitationChecker(index),
                language, prompts, model.fallback(), new Conversations());
    }

    /** Opens with the defaults: hybrid retrieval, the extractive answerer. */
    public static Footnote open(Path articles, Path indexDir, Consumer<String> log) throws IOException {
        return open(articles, indexDir, Retrieval.HYBRID, Retriever.Settings.DEFAULT, ModelSettings.EXTRACTIVE, log);
    }

    /** Opens with hybrid retrieval, answered as {@code model} says. */
    public static Footnote open(Path articles, Path indexDir, Consumer<String> log, ModelSettings model)
            throws IOException {
        return open(articles, indexDir, Retrieval.HYBRID, Retriever.Settings.DEFAULT, model, log);
    }

    /** Opens with the given retrieval and the extractive answerer. */
    public static Footnote open(Path articles, Path indexDir, Retrieval mode, Consumer<String> log) throws IOException {
        return open(articles, indexDir, mode, Retriever.Settings.DEFAULT, ModelSettings.EXTRACTIVE, log);
    }

    /**
     * Opens the collection and its index. Vector and hybrid retrieval load the embedding model, whose native
     * files go under the index folder rather than the user's home; a language model's prompts are read now,
     * so a broken template stops the start instead of the first question.
     */
    public static Footnote open(Path articles, Path indexDir, Retrieval mode, Retriever.Settings settings,
                                ModelSettings model, Consumer<String> log) throws IOException {
        Prompts prompts = model.provider() == Provider.EXTRACTIVE ? null
                : Prompts.load(model.prompts(), CitationChecker.REFUSAL);
        Embedder embedder = mode.needsVectors() ? BgeSmallEmbedder.load(indexDir.resolve("native"), false) : null;
        PassageIndex index = PassageIndex.open(indexDir);
        Retriever retriever = new Retriever(index, embedder, mode, settings);
        return new Footnote(new ArticleFiles(articles, log), index, embedder, retriever, model, prompts, log);
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
