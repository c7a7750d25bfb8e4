package dev.footnote.cli;

import dev.footnote.Config;
import dev.footnote.index.BackendSettings;
import dev.footnote.index.VectorPlan;
import dev.footnote.retrieve.Retrieval;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command shares: where the articles are, where their index goes, how to retrieve. */
public final class CollectionOptions {

    @Option(names = "--articles", paramLabel = "DIR", description = "Folder of articles: .txt, .md, .html, .htm, .xhtml, .pdf, .docx, .odt, .rtf, .epub (default: ${DEFAULT-VALUE}).")
    Path articles = Config.DEFAULTS.articles();

    @Option(names = "--index", paramLabel = "DIR", description = "Folder of the Lucene index (default: ${DEFAULT-VALUE}).")
    Path index = Config.DEFAULTS.index();

    @Option(names = "--retrieval", paramLabel = "MODE", converter = RetrievalConverter.class, description = "bm25, vector or hybrid (default: ${DEFAULT-VALUE}); bm25 needs no embedding model.")
    Retrieval retrieval = Config.DEFAULTS.retrieval();

    @Option(names = "--backend", paramLabel = "lucene|solr", converter = BackendConverter.class, description = "Where the index lives: lucene, the embedded index in --index (default), or solr, a SolrCloud collection.")
    BackendSettings.Kind backend = Config.DEFAULTS.backend().kind();

    @Option(names = "--solr-zk", paramLabel = "HOST:PORT[/chroot]", description = "With --backend solr: the SolrCloud's ZooKeeper.")
    String solrZk = Config.DEFAULTS.backend().solrZk();

    @Option(names = "--solr-url", paramLabel = "URL", description = "With --backend solr: a Solr node's address instead of the ZooKeeper, e.g. http://host:8983/solr.")
    String solrUrl = Config.DEFAULTS.backend().solrUrl();

    @Option(names = "--solr-collection", paramLabel = "NAME", description = "With --backend solr: the collection (default: ${DEFAULT-VALUE}).")
    String solrCollection = Config.DEFAULTS.backend().collection();

    @Option(names = "--solr-shards", paramLabel = "N", description = "With --backend solr: shards of a collection Footnote creates (default: ${DEFAULT-VALUE}).")
    int solrShards = Config.DEFAULTS.backend().shards();

    @Option(names = "--solr-replicas", paramLabel = "M", description = "With --backend solr: replicas of each shard of a collection Footnote creates (default: ${DEFAULT-VALUE}).")
    int solrReplicas = Config.DEFAULTS.backend().replicas();

    @Option(names = "--solr-lease-seconds", paramLabel = "S", description = "With --backend solr: how long the writer lease lasts unless renewed; a dead writer's successor takes over within it (default: ${DEFAULT-VALUE}).")
    int solrLeaseSeconds = Config.DEFAULTS.backend().leaseSeconds();

    @Option(names = "--cluster-dir", paramLabel = "DIR", description = "With --backend solr and neither --solr-zk nor --solr-url: the local cluster's folder, whose ZooKeeper is used (default: ${DEFAULT-VALUE}).")
    Path clusterDir = Path.of(".footnote-cluster");

    @Option(names = "--sentence-vectors", paramLabel = "HOW", converter = SourceConverter.class, description = "Sentence vectors: embedded or none (default: as the index was made; embedded for a new one).")
    VectorPlan.Source sentenceVectors;

    @Option(names = "--passage-vectors", paramLabel = "HOW", converter = SourceConverter.class, description = "Passage vectors: embedded, derived from the passage's sentence vectors, or none (default: as the index was made; embedded for a new one).")
    VectorPlan.Source passageVectors;

    @Option(names = "--article-vectors", paramLabel = "HOW", converter = SourceConverter.class, description = "Whole-article vectors: embedded, derived from the article's sentence vectors, or none (default: as the index was made; embedded for a new one).")
    VectorPlan.Source articleVectors;

    /** The configuration with these options over the defaults. */
    Config config() {
        String zk = solrZk;
        if (backend == BackendSettings.Kind.SOLR && solrZk.isBlank() && solrUrl.isBlank()) {
            // The cluster `./footnote cluster start` made here, if there is one: trying it out needs no address.
            zk = LocalCluster.stateIn(clusterDir).map(LocalCluster.State::zk).orElseThrow(
                    () -> new IllegalArgumentException("--backend solr needs --solr-zk HOST:PORT or --solr-url URL, "
                            + "or a local cluster: start one with ./footnote cluster start (none is in " + clusterDir
                            + ")"));
        }
        BackendSettings where = new BackendSettings(backend, zk, solrUrl, solrCollection, solrShards, solrReplicas,
                solrLeaseSeconds);
        return Config.of(articles, index).withRetrieval(retrieval).withBackend(where).withVectors(vectors());
    }

    /**
     * The plan the options give, each kind not given as the default has it; null when none is given, for the plan
     * the index was made under.
     */
    VectorPlan vectors() {
        if (sentenceVectors == null && passageVectors == null && articleVectors == null) {
            return null;
        }
        VectorPlan d = VectorPlan.DEFAULT;
        return new VectorPlan(sentenceVectors == null ? d.sentences() : sentenceVectors,
                passageVectors == null ? d.passages() : passageVectors,
                articleVectors == null ? d.articles() : articleVectors);
    }

    static final class SourceConverter implements picocli.CommandLine.ITypeConverter<VectorPlan.Source> {
        @Override
        public VectorPlan.Source convert(String value) {
            return VectorPlan.Source.parse(value);
        }
    }

    static final class BackendConverter implements picocli.CommandLine.ITypeConverter<BackendSettings.Kind> {
        @Override
        public BackendSettings.Kind convert(String value) {
            return BackendSettings.Kind.parse(value);
        }
    }

    static final class RetrievalConverter implements picocli.CommandLine.ITypeConverter<Retrieval> {
        @Override
        public Retrieval convert(String value) {
            return Retrieval.parse(value);
        }
    }
}
