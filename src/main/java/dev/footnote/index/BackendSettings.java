package dev.footnote.index;

/**
 * Where the index lives: the embedded Lucene index in a folder (the default), or a collection on a SolrCloud.
 *
 * @param kind       {@code lucene} or {@code solr}
 * @param solrZk     the SolrCloud's ZooKeeper, {@code host:port[,host:port...][/chroot]}; "" for none
 * @param solrUrl    or a Solr node's address, {@code http://host:port/solr}; "" for none
 * @param collection the Solr collection holding the passages
 * @param shards     shards of a collection Footnote creates
 * @param replicas   replicas of each shard of a collection Footnote creates
 * @param leaseSeconds how long the writer lease lasts unless renewed: the longest a dead writer keeps others from
 *                     indexing
 */
public record BackendSettings(Kind kind, String solrZk, String solrUrl, String collection, int shards, int replicas,
        int leaseSeconds) {

    /** The default writer lease: renewed every 10 s, taken over within 30 s of its holder's death. */
    public static final int LEASE_SECONDS = 30;

    /** The two backends. */
    public enum Kind {
        LUCENE, SOLR;

        /** {@code lucene} or {@code solr}, in any case. */
        public static Kind parse(String value) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(value.strip())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("the backend is lucene or solr, not \"" + value + "\"");
        }
    }

    /** The embedded Lucene index; a Solr backend's collection is {@code footnote}, 1 shard of 1 replica. */
    public static final BackendSettings LUCENE = new BackendSettings(Kind.LUCENE, "", "", "footnote", 1, 1,
            LEASE_SECONDS);

    /** Settings with the default writer lease. */
    public BackendSettings(Kind kind, String solrZk, String solrUrl, String collection, int shards, int replicas) {
        this(kind, solrZk, solrUrl, collection, shards, replicas, LEASE_SECONDS);
    }

    public BackendSettings {
        solrZk = solrZk == null ? "" : solrZk.strip();
        solrUrl = solrUrl == null ? "" : solrUrl.strip();
        if (collection == null || collection.isBlank()) {
            throw new IllegalArgumentException("the Solr collection needs a name");
        }
        if (shards < 1 || replicas < 1) {
            throw new IllegalArgumentException("--solr-shards and --solr-replicas must be at least 1");
        }
        if (leaseSeconds < 1) {
            throw new IllegalArgumentException("--solr-lease-seconds must be at least 1");
        }
    }

    public BackendSettings withKind(Kind kind) {
        return new BackendSettings(kind, solrZk, solrUrl, collection, shards, replicas, leaseSeconds);
    }

    /** The cluster's address: a ZooKeeper ensemble or a node's URL (give one of them). */
    public BackendSettings withSolr(String solrZk, String solrUrl) {
        return new BackendSettings(kind, solrZk, solrUrl, collection, shards, replicas, leaseSeconds);
    }

    public BackendSettings withCollection(String collection, int shards, int replicas) {
        return new BackendSettings(kind, solrZk, solrUrl, collection, shards, replicas, leaseSeconds);
    }

    public BackendSettings withLeaseSeconds(int leaseSeconds) {
        return new BackendSettings(kind, solrZk, solrUrl, collection, shards, replicas, leaseSeconds);
    }
}
