package dev.footnote;

import dev.footnote.answer.CitationChecker;
import dev.footnote.answer.ExtractiveAnswerer;
import dev.footnote.ask.AskService;
import dev.footnote.ask.Library;
import dev.footnote.conversation.ConversationSettings;
import dev.footnote.conversation.ConversationStore;
import dev.footnote.conversation.Conversations;
import dev.footnote.conversation.FileConversationStore;
import dev.footnote.conversation.MemoryConversationStore;
import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.corpus.DocumentExtractor;
import dev.footnote.embed.BgeSmallEmbedder;
import dev.footnote.embed.Embedder;
import dev.footnote.index.ArticlePage;
import dev.footnote.index.BackendSettings;
import dev.footnote.index.FolderWatcher;
import dev.footnote.index.IndexReport;
import dev.footnote.index.IndexStats;
import dev.footnote.index.Indexer;
import dev.footnote.index.PassageIndex;
import dev.footnote.index.PassageStore;
import dev.footnote.index.solr.SolrPassageStore;
import dev.footnote.model.LanguageModels;
import dev.footnote.model.Prompts;
import dev.footnote.model.Provider;
import dev.footnote.retrieve.Retriever;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A collection folder, its index and the question service over them: what every entry point opens, from one
 * {@link Config}. It is also the {@link Library} the HTTP server reads articles and the index's state from.
 */
public final class Footnote implements Library, Closeable {

    /** How long a start waits for a SolrCloud's ZooKeeper or node before it says it cannot reach it. */
    private static final int SOLR_CONNECT_SECONDS = 10;

    /** {@link #SOLR_CONNECT_SECONDS}, or {@code -Dfootnote.solrConnectSeconds} (a test of an absent cluster waits less). */
    private static int solrConnectSeconds() {
        return Integer.getInteger("footnote.solrConnectSeconds", SOLR_CONNECT_SECONDS);
    }

    private final Config config;
    private final ArticleFiles files;
    private final PassageStore index;
    private final Embedder embedder;
    private final AskService service;
    private final Consumer<String> log;
    /** Reads PDF, HTML, Word... in a child process; kept across passes, so a bad file is reported once. */
    private final DocumentExtractor documents = new DocumentExtractor();
    private FolderWatcher watcher;

    private Footnote(Config config, PassageStore index, Embedder embedder, Prompts prompts, Consumer<String> log,
            Conversations conversations) {
        this.config = config;
        this.files = new ArticleFiles(config.articles(), log);
        this.index = index;
        this.embedder = embedder;
        this.log = log;
        Retriever retriever = new Retriever(index, embedder, config.retrieval(), config.retriever());
        this.service = new AskService(retriever, new ExtractiveAnswerer(), new CitationChecker(index),
                LanguageModels.create(config.model()), prompts, config.model().fallback(), conversations,
                config.limits());
    }

    /**
     * Opens the collection and its index. Vector and hybrid retrieval load the embedding model, whose native
     * files go under the index folder rather than the user's home; a language model's prompts are read now,
     * so a broken template stops the start instead of the first question.
     */
    public static Footnote open(Config config, Consumer<String> log) throws IOException {
        Prompts prompts = config.model().provider() == Provider.EXTRACTIVE
                ? null
                : Prompts.load(config.model().prompts(), CitationChecker.REFUSAL);
        // The index first: an unreachable cluster is said at once, before the embedding model takes its seconds.
        PassageStore index = openIndex(config, log);
        try {
            Embedder embedder = config.retrieval().needsVectors()
                    ? BgeSmallEmbedder.load(config.index().resolve("native"), false)
                    : null;
            return new Footnote(config, index, embedder, prompts, log, conversations(config, log));
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /**
     * The backend {@code config} names: the embedded index in its folder, or a SolrCloud collection (made on first use
     * for the embedder's vectors). An unreachable cluster stops the start with one line naming its address.
     */
    private static PassageStore openIndex(Config config, Consumer<String> log) throws IOException {
        BackendSettings backend = config.backend();
        if (backend.kind() == BackendSettings.Kind.LUCENE) {
            return PassageIndex.open(config.index());
        }
        PassageStore store = SolrPassageStore.open(backend, BgeSmallEmbedder.DIMENSION, solrConnectSeconds());
        log.accept("index: " + store.describe());
        return store;
    }

    /** Conversations kept as {@code config} says: in {@code conversations/} beside the index, or in memory. */
    private static Conversations conversations(Config config, Consumer<String> log) throws IOException {
        ConversationSettings settings = config.conversations();
        ConversationStore store = settings.store().equals(ConversationSettings.FILE)
                ? new FileConversationStore(config.index().resolve("conversations"), log)
                : new MemoryConversationStore();
        return new Conversations(settings, store, Clock.systemUTC(), log);
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
        return new Indexer(embedder, log, documents).sync(files, index);
    }

    /**
     * A watcher that keeps the index in line with the folder, with its note of the folder taken now (call it
     * before the start-up pass and start it after), and answers that leave out files changed since they were
     * indexed. Shown by {@link #watcher()}: health, metrics and {@code /api/reindex} use it.
     */
    public FolderWatcher watch() throws IOException {
        long poll = config.watchPollMillis();
        watcher = new FolderWatcher(files, this::sync, log, poll, 5 * poll).snapshot();
        service.retriever().onlyFrom(watcher::isCurrent);
        return watcher;
    }

    public Config config() {
        return config;
    }

    public ArticleFiles files() {
        return files;
    }

    public PassageStore index() {
        return index;
    }

    public AskService service() {
        return service;
    }

    @Override
    public IndexStats stats() throws IOException {
        return index.stats();
    }

    @Override
    public Optional<Article> article(String file) throws IOException {
        return index.article(file);
    }

    @Override
    public Optional<FolderWatcher> watcher() {
        return Optional.ofNullable(watcher);
    }

    @Override
    public ArticlePage articles(int offset, int limit) throws IOException {
        return index.articles(offset, limit);
    }

    @Override
    public Map<String, String> titles(Collection<String> files) throws IOException {
        return index.titles(files);
    }

    @Override
    public BackendSettings backend() {
        return config.backend();
    }

    @Override
    public Optional<Path> indexFolder() {
        return Optional.of(config.index());
    }

    @Override
    public void close() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
        service.conversations().close();
        documents.close();
        index.close();
    }
}
