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
import dev.footnote.conversation.solr.SolrConversationStore;
import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.corpus.DocumentExtractor;
import dev.footnote.embed.BgeSmallEmbedder;
import dev.footnote.embed.Embedder;
import dev.footnote.index.ArticlePage;
import dev.footnote.index.BackendSettings;
import dev.footnote.index.BackendStatus;
import dev.footnote.index.FolderWatcher;
import dev.footnote.index.IndexReport;
import dev.footnote.index.IndexStats;
import dev.footnote.index.Indexer;
import dev.footnote.index.PassageIndex;
import dev.footnote.index.PassageStore;
import dev.footnote.index.VectorPlan;
import dev.footnote.index.WriterStatus;
import dev.footnote.index.solr.SolrPassageStore;
import dev.footnote.index.solr.StateCollection;
import dev.footnote.index.solr.WriterLease;
import dev.footnote.model.LanguageModels;
import dev.footnote.model.Prompts;
import dev.footnote.model.Provider;
import dev.footnote.retrieve.Retriever;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    /** With a cluster backend: what the servers share beside the passages, and this process's writer lease. */
    private StateCollection state;
    private WriterLease lease;

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
        StateCollection state = null;
        try {
            state = config.backend().kind() == BackendSettings.Kind.SOLR
                    ? StateCollection.open(config.backend())
                    : null;
            Embedder embedder = config.retrieval().needsVectors()
                    ? BgeSmallEmbedder.load(config.index().resolve("native"), false)
                    : null;
            return new Footnote(config, index, embedder, prompts, log, conversations(config, log, state)).shared(state);
        } catch (IOException | RuntimeException e) {
            if (state != null) {
                state.close();
            }
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

    /**
     * With a cluster backend, takes part in the writer lease: a background thread renews it while this process holds
     * it and takes it when its holder stops renewing; each time this process becomes the writer, the watcher (if
     * any) makes a full pass, so what changed while another process wrote is indexed, once (the hashes per file).
     */
    private Footnote shared(StateCollection state) {
        if (state != null) {
            this.state = state;
            this.lease = new WriterLease(state, Duration.ofSeconds(config.backend().leaseSeconds()), Clock.systemUTC(),
                    log).start(() -> {
                        FolderWatcher w = watcher;
                        if (w != null) {
                            w.requestFull();
                        }
                    });
        }
        return this;
    }

    /**
     * Conversations kept as {@code config} says; with a cluster backend, {@code file} (the default) means the
     * cluster's state collection, so that every server continues every conversation.
     */
    private static Conversations conversations(Config config, Consumer<String> log, StateCollection state)
            throws IOException {
        ConversationSettings settings = config.conversations();
        boolean solr = settings.store().equals(ConversationSettings.SOLR)
                || (state != null && settings.store().equals(ConversationSettings.FILE));
        if (!solr) {
            return conversations(config, log);
        }
        if (state == null) {
            throw new IllegalArgumentException("--conversation-store solr keeps conversations in the cluster: "
                    + "give --backend solr and --solr-zk HOST:PORT too");
        }
        return new Conversations(settings.withStore(ConversationSettings.SOLR), new SolrConversationStore(state, log),
                Clock.systemUTC(), log);
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
        if (lease != null && !lease.tryAcquire()) {
            log.accept(notWriter());
            index.refresh();
            return null;
        }
        if (!index.writable()) {
            log.accept("the index is being written by another process; answering from its last commit");
            index.refresh();
            return null;
        }
        return new Indexer(embedder, log, documents, plan()).sync(files, index);
    }

    /** The plan {@link #plan()} resolved on the first pass; volatile, as the watcher's thread syncs too. */
    private volatile VectorPlan plan;

    /**
     * The vector plan to index under: the one configured, or else the one the index was made under, so that a
     * command given no vector options does not redo an index made with them.
     */
    private VectorPlan plan() throws IOException {
        if (plan == null) {
            plan = config.vectors() != null ? config.vectors() : recordedPlan();
        }
        return plan;
    }

    /** Read once: after the first pass the index is under that plan, whatever it holds. */
    private VectorPlan recordedPlan() throws IOException {
        if (embedder == null) {
            return VectorPlan.DEFAULT;
        }
        java.util.Optional<VectorPlan> recorded = VectorPlan.recordedIn(
                index.indexedFiles().values().stream().map(PassageStore.IndexedFile::embedding).toList(),
                embedder.name());
        recorded.filter(p -> !p.equals(VectorPlan.DEFAULT))
                .ifPresent(p -> log.accept("vectors as the index was made: " + p));
        return recorded.orElse(VectorPlan.DEFAULT);
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

    /** Why this process does not index now: who holds the writer lease, and until when. */
    private String notWriter() {
        String holder = lease == null
                ? "another process"
                : lease.holder().map(h -> h.owner() + " (its writer lease runs to " + h.expiresAt() + ")")
                        .orElse("another process");
        return "collection " + config.backend().collection() + " is being written by " + holder
                + "; this process does not index it now";
    }

    @Override
    public Optional<WriterStatus> writer() {
        return lease == null ? Optional.empty() : Optional.of(lease.status());
    }

    @Override
    public Optional<BackendStatus> backendStatus() {
        if (state == null) {
            return Optional.empty();
        }
        String collection = config.backend().collection();
        BackendStatus.Replicas replicas = state.replicas(collection);
        return Optional.of(state.problem()
                .map(why -> new BackendStatus("solr", BackendStatus.DOWN, collection, why, replicas))
                .orElseGet(() -> new BackendStatus("solr", BackendStatus.UP, collection, null, replicas)));
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
        if (lease != null) {
            lease.close();
        }
        service.conversations().close();
        documents.close();
        index.close();
        if (state != null) {
            state.close();
        }
    }
}
