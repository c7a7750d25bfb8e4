package dev.footnote.index.solr;

import dev.footnote.index.BackendSettings;
import dev.footnote.index.BackendStatus;
import dev.footnote.index.BackendUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;

/**
 * What Footnote's servers share beside the passages, kept in a small collection of its own next to them,
 * {@code <collection>_state}: the writer lease and the conversations. It has a configset of its own
 * ({@value #CONFIG_SET}): it holds no text to analyse and no vectors, so it does not depend on the embedder's
 * dimension or the passages' schema version, and a conversation is kept in a stored-only field that may pass Lucene's
 * 32 KB limit on an indexed term. One shard (it is small, and a real-time get then asks one replica set), as many
 * replicas as the passages' shards have, so losing a node loses neither.
 *
 * <p>Requests have short time limits, so that a lost cluster is a {@link BackendUnavailableException} within
 * seconds, not a question that hangs.
 */
public final class StateCollection implements AutoCloseable {

    public static final String CONFIG_SET = "footnote-state-1";
    public static final String SUFFIX = "_state";
    static final String KIND = "kind";
    private static final int CONNECT_MILLIS = 3_000;
    private static final int SOCKET_MILLIS = 10_000;
    private static final int ACTIVE_SECONDS = 120;

    /** The cluster as messages name it: {@code ZooKeeper host:port} or {@code Solr http://...}. */
    private final String zk;
    private final String name;
    private final CloudSolrClient client;

    private StateCollection(String zk, String name, CloudSolrClient client) {
        this.zk = zk;
        this.name = name;
        this.client = client;
    }

    /** The state collection's name beside the passages' collection {@code collection}. */
    public static String nameFor(String collection) {
        return collection + SUFFIX;
    }

    /**
     * Connects to the cluster {@code settings} name and makes the state collection on first use. An unreachable
     * cluster is a {@link SolrCollections.SolrUnreachableException} naming the address.
     */
    @SuppressWarnings("deprecation") // the Apache HttpClient cloud client: see SolrCollections
    public static StateCollection open(BackendSettings settings) {
        String zk = settings.solrZk();
        String urls = settings.solrUrl();
        if (zk.isEmpty() && urls.isEmpty()) {
            throw new IllegalArgumentException(
                    "--backend solr keeps its writer lease and conversations in the cluster: "
                            + "give --solr-zk HOST:PORT[/chroot] or --solr-url http://HOST:PORT/solr");
        }
        String name = nameFor(settings.collection());
        // Through ZooKeeper when it is given; otherwise through the nodes' URLs, as the passages' store does, for a
        // cluster whose ZooKeeper cannot be reached from here (the configset then goes through the Configsets API).
        try (SolrCollections admin = zk.isEmpty()
                ? SolrCollections.connectUrls(urls, CONNECT_MILLIS / 1000)
                : SolrCollections.connect(zk)) {
            CloudSolrClient client;
            if (zk.isEmpty()) {
                client = SolrCollections.viaUrls(urls)
                        .withConnectionTimeout(CONNECT_MILLIS, TimeUnit.MILLISECONDS)
                        .withSocketTimeout(SOCKET_MILLIS, TimeUnit.MILLISECONDS).build();
            } else {
                client = SolrCollections.viaZooKeeper(zk)
                        .withZkConnectTimeout(10, TimeUnit.SECONDS).withZkClientTimeout(30, TimeUnit.SECONDS)
                        .withConnectionTimeout(CONNECT_MILLIS, TimeUnit.MILLISECONDS)
                        .withSocketTimeout(SOCKET_MILLIS, TimeUnit.MILLISECONDS).build();
            }
            StateCollection state = new StateCollection(admin.address(), name, client);
            try {
                client.connect();
                state.ensure(admin, settings.replicas());
            } catch (RuntimeException e) {
                state.close();
                throw e;
            }
            return state;
        }
    }

    private void ensure(SolrCollections admin, int replicas) {
        if (admin.exists(name)) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("footnote-state-configset");
            try {
                for (String file : List.of("solrconfig.xml", "schema.xml")) {
                    try (InputStream in = StateCollection.class.getResourceAsStream("/solr-state-configset/" + file)) {
                        if (in == null) {
                            throw new IOException("the state configset's " + file + " is missing from Footnote's jar");
                        }
                        Files.copy(in, dir.resolve(file));
                    }
                }
                admin.uploadFolder(dir, CONFIG_SET);
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            admin.create(name, CONFIG_SET, 1, replicas);
        } catch (IOException e) {
            throw new SolrCollections.SolrUnreachableException(
                    "cannot upload the configset of " + name + " to the SolrCloud at " + zk + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Another server starting at the same moment made it first: wait for it instead.
            if (!admin.exists(name)) {
                throw e;
            }
            admin.awaitActive(name, ACTIVE_SECONDS);
        }
    }

    public String name() {
        return name;
    }

    /**
     * What the cluster says of collection {@code collection} now: its live nodes, and its replicas with those active
     * (on a live node and in state active): while a node is dead, or catching up, fewer are active.
     */
    public BackendStatus.Replicas replicas(String collection) {
        try {
            var provider = client.getClusterStateProvider();
            java.util.Set<String> live = provider.getLiveNodes();
            DocCollection c = provider.getCollection(collection);
            int all = 0;
            int active = 0;
            if (c != null) {
                for (var slice : c.getSlices()) {
                    for (Replica r : slice.getReplicas()) {
                        all++;
                        if (r.getState() == Replica.State.ACTIVE && live.contains(r.getNodeName())) {
                            active++;
                        }
                    }
                }
            }
            return new BackendStatus.Replicas(live.size(), all, active);
        } catch (IOException | RuntimeException e) {
            return null; // health says the cluster is down from its own look
        }
    }

    /** The cluster as messages name it: {@code ZooKeeper host:port} or {@code Solr http://...}. */
    public String zk() {
        return zk;
    }

    /** The client, for this collection's stores; requests name the collection. */
    public CloudSolrClient client() {
        return client;
    }

    /** The document by id as the cluster has it now (a real-time get: no commit needed), or null. */
    public SolrDocument get(String id) throws BackendUnavailableException {
        try {
            return client.getById(name, id);
        } catch (SolrServerException | IOException | SolrException e) {
            throw unavailable("reading " + id, e);
        }
    }

    /** Whether the cluster answers for this collection now; the reason when it does not. */
    public Optional<String> problem() {
        try {
            get(WriterLease.ID);
            return Optional.empty();
        } catch (BackendUnavailableException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A failure to reach the cluster, as the server reports it: 503 and try again. */
    public BackendUnavailableException unavailable(String doing, Throwable e) {
        return new BackendUnavailableException("the SolrCloud at " + zk + " did not answer while " + doing
                + " in " + name + ": " + SolrCollections.rootMessage(e), e);
    }

    /** The HTTP status Solr answered with, found in {@code e} or its causes; 0 when it did not answer. */
    public static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SolrException s && s.code() > 0) {
                return s.code();
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // a client that never connected may fail to close; nothing is lost
        }
    }
}
