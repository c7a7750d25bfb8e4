package dev.footnote;

import dev.footnote.answer.AskService;
import dev.footnote.answer.CitationChecker;
import dev.footnote.answer.ExtractiveAnswerer;
import dev.footnote.conversation.Conversations;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.index.IndexReport;
import dev.footnote.index.Indexer;
import dev.footnote.index.PassageIndex;
import dev.footnote.index.Retriever;
import dev.footnote.model.ChatModels;
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
    private final AskService service;
    private final Consumer<String> log;

    private Footnote(ArticleFiles files, PassageIndex index, Consumer<String> log, ModelSettings model, Prompts prompts) {
        this.files = files;
        this.index = index;
        this.log = log;
        Retriever retriever = new Retriever(index);
        LanguageModel language = ChatModels.create(model);
        this.service = new AskService(retriever, new ExtractiveAnswerer(retriever), new CitationChecker(index),
                language, prompts, model.fallback(), new Conversations());
    }

    public static Footnote open(Path articles, Path indexDir, Consumer<String> log) throws IOException {
        return open(articles, indexDir, log, ModelSettings.EXTRACTIVE);
    }

    /** Opens the collection to be answered as {@code model} says; a language model's prompts are read now. */
    public static Footnote open(Path articles, Path indexDir, Consumer<String> log, ModelSettings model)
            throws IOException {
        Prompts prompts = model.provider() == Provider.EXTRACTIVE ? null
                : Prompts.load(model.prompts(), CitationChecker.REFUSAL);
        return new Footnote(new ArticleFiles(articles), PassageIndex.open(indexDir), log, model, prompts);
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
        return new Indexer(log).sync(files, index);
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
