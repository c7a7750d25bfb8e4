package dev.footnote.index.solr;

import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudLegacySolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.FieldAnalysisRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.response.AnalysisResponseBase;
import org.apache.solr.client.solrj.response.FieldAnalysisResponse;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.ZkMaintenanceUtils;

/**
 * Footnote's collections on a SolrCloud reached through its ZooKeeper: the configset (Footnote's schema, with the
 * embedded index's English analysis and a dense vector field of the embedder's dimension) uploaded, and a collection
 * created with it on first use, or an existing one checked to be Footnote's. SolrJ's Apache HttpClient client is used:
 * its HTTP/2 client runs on Jetty 10, which cannot share the classpath with the web server's Jetty 12.
 */
public final class SolrCollections implements AutoCloseable {

    /** The schema's name, which is its version: a collection with another one is not Footnote's (or is older). */
    public static final String SCHEMA_NAME = "footnote-2";
    public static final String VECTOR_TYPE = "knn_vector";
    public static final String TEXT_TYPE = "text_footnote";
    private static final int CONNECT_SECONDS = 10;
    private static final int CREATE_SECONDS = 120;

    /** What {@link #ensure} found or made. */
    public record Outcome(String collection, boolean created, int shards, int replicas, String configSet) {
    }

    /** How the cluster is named in messages: its ZooKeeper, or the node URLs it was reached through. */
    private final String zk;
    private final CloudSolrClient client;
    /** Reached through ZooKeeper (configsets are written there) rather than a node's URL (through the API). */
    private final boolean viaZk;

    private SolrCollections(String zk, CloudSolrClient client, boolean viaZk) {
        this.zk = zk;
        this.client = client;
        this.viaZk = viaZk;
    }

    /**
     * Connects to the SolrCloud that the node(s) at {@code urls} ({@code http://host:port/solr}, comma-separated) belong
     * to: for a cluster whose ZooKeeper is not reachable from here, such as Solr's container image in cloud mode.
     */
    @SuppressWarnings("deprecation") // the Apache HttpClient cloud client: see the class comment
    public static SolrCollections connectUrls(String urls, int seconds) {
        if (urls == null || urls.isBlank()) {
            throw new IllegalArgumentException("no Solr address: give --solr-url http://HOST:PORT/solr");
        }
        List<String> list = urlList(urls);
        String where = "Solr " + String.join(",", list);
        CloudSolrClient client = null;
        try {
            client = viaUrls(urls)
                    .withConnectionTimeout(seconds, TimeUnit.SECONDS)
                    .withSocketTimeout(60, TimeUnit.SECONDS)
                    .build();
            client.connect();
            if (client.getClusterStateProvider().getLiveNodes().isEmpty()) {
                throw new SolrUnreachableException("the SolrCloud at " + where + " has no live Solr node");
            }
        } catch (RuntimeException e) {
            if (client != null) {
                closeQuietly(client);
            }
            if (e instanceof SolrUnreachableException) {
                throw e;
            }
            throw new SolrUnreachableException("cannot reach the SolrCloud at " + where + " within " + seconds
                    + " s: is it running in cloud mode, and is --solr-url right? (" + rootMessage(e) + ")", e);
        }
        return new SolrCollections(where, client, false);
    }

    /** The cluster as messages name it: {@code ZooKeeper host:port} or {@code Solr http://...}. */
    public String address() {
        return viaZk ? "ZooKeeper " + zk : zk;
    }

    /** The client, for the collection's documents. */
    CloudSolrClient client() {
        return client;
    }

    /**
     * Connects to the SolrCloud whose ZooKeeper is at {@code zk} ({@code host:port[,host:port...][/chroot]}). An
     * unreachable cluster is a {@link SolrUnreachableException} naming the address, not a stack trace.
     */
    public static SolrCollections connect(String zk) {
        return connect(zk, CONNECT_SECONDS);
    }

    /** {@link #connect(String)}, waiting at most {@code seconds} for ZooKeeper. */
    @SuppressWarnings("deprecation") // the Apache HttpClient cloud client: see the class comment
    public static SolrCollections connect(String zk, int seconds) {
        if (zk == null || zk.isBlank()) {
            throw new IllegalArgumentException("no SolrCloud address: give --solr-zk HOST:PORT[/chroot]");
        }
        CloudSolrClient client = viaZooKeeper(zk)
                .withZkConnectTimeout(seconds, TimeUnit.SECONDS)
                .withZkClientTimeout(30, TimeUnit.SECONDS)
                .build();
        try {
            client.connect();
            if (client.getClusterStateProvider().getLiveNodes().isEmpty()) {
                throw new SolrUnreachableException("the SolrCloud at ZooKeeper " + zk
                        + " has no live Solr node; start one (./footnote cluster start) or check --solr-zk");
            }
        } catch (RuntimeException e) {
            closeQuietly(client);
            if (e instanceof SolrUnreachableException) {
                throw e;
            }
            throw new SolrUnreachableException("cannot reach the SolrCloud at ZooKeeper " + zk + " within " + seconds
                    + " s: is it running, and is --solr-zk right? (" + rootMessage(e) + ")", e);
        }
        return new SolrCollections(zk, client, true);
    }

    /**
     * The collection {@code name} ready for Footnote: created with {@code shards} shards of {@code replicas}
     * replicas each when it does not exist, otherwise checked. A collection of another schema, or with vectors of
     * another dimension, is refused with a {@link SchemaMismatchException} that says how to fix it.
     */
    public Outcome ensure(String name, int shards, int replicas, int dimension) {
        if (shards < 1 || replicas < 1) {
            throw new IllegalArgumentException("--solr-shards and --solr-replicas must be at least 1");
        }
        try {
            DocCollection existing = collection(name);
            if (existing != null) {
                check(name, dimension);
                return new Outcome(name, false, existing.getSlices().size(), existing.getReplicationFactor(),
                        existing.getConfigName());
            }
            String configSet = configSetName(dimension);
            // Through the API a configset already there is left as it is: its name is its schema version and
            // dimension, and one written to ZooKeeper is trusted, which an upload through the API may not replace.
            if (viaZk || !new ConfigSetAdminRequest.List().process(client).getConfigSets().contains(configSet)) {
                upload(configSet, dimension);
            }
            create(name, configSet, shards, replicas);
            check(name, dimension);
            return new Outcome(name, true, shards, replicas, configSet);
        } catch (SolrServerException | IOException e) {
            throw new SolrUnreachableException("the SolrCloud at " + address() + " failed while preparing "
                    + name + ": " + rootMessage(e), e);
        }
    }

    /** Creates collection {@code name} from configset {@code configSet} and waits until every replica is active. */
    public void create(String name, String configSet, int shards, int replicas) {
        try {
            var response = CollectionAdminRequest.createCollection(name, configSet, shards, replicas).process(client);
            if (!response.isSuccess()) {
                throw new IllegalStateException("the SolrCloud at " + zk + " did not create collection " + name
                        + ": " + response.getErrorMessages());
            }
            java.util.function.Predicate<DocCollection> ready = c -> c != null && c.getSlices().size() == shards
                    && c.getSlices().stream().allMatch(slice -> slice.getReplicas().size() == replicas
                            && slice.getReplicas().stream().allMatch(r -> r.getState() == Replica.State.ACTIVE));
            if (viaZk) {
                ZkClientClusterStateProvider.from(client).getZkStateReader().waitForState(name, CREATE_SECONDS,
                        TimeUnit.SECONDS, ready);
            } else {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(CREATE_SECONDS);
                while (!ready.test(collection(name))) {
                    if (System.nanoTime() > end) {
                        throw new TimeoutException();
                    }
                    Thread.sleep(250); // the cluster state as the nodes serve it: no watch without ZooKeeper
                }
            }
        } catch (SolrServerException | IOException e) {
            throw new SolrUnreachableException("the SolrCloud at " + address() + " failed while creating "
                    + name + ": " + rootMessage(e), e);
        } catch (TimeoutException e) {
            throw new SolrUnreachableException("collection " + name + " at " + zk + " has not every replica active "
                    + "after " + CREATE_SECONDS + " s; see the nodes' logs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating collection " + name, e);
        }
    }

    /** Whether collection {@code name} exists; an unreachable cluster is a {@link SolrUnreachableException}. */
    public boolean exists(String name) {
        try {
            return collection(name) != null;
        } catch (SolrServerException | IOException | RuntimeException e) {
            throw new SolrUnreachableException("cannot read the state of the SolrCloud at " + address() + ": "
                    + rootMessage(e), e);
        }
    }

    /** Waits until every shard of collection {@code name} has an active replica (another process creating it). */
    public void awaitActive(String name, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (true) {
                DocCollection c = collection(name);
                if (c != null && !c.getSlices().isEmpty() && c.getSlices().stream().allMatch(
                        s -> s.getReplicas().stream().anyMatch(r -> r.getState() == Replica.State.ACTIVE))) {
                    return;
                }
                if (System.nanoTime() > end) {
                    throw new SolrUnreachableException("collection " + name + " at " + address()
                            + " has no active replica after " + seconds + " s");
                }
                Thread.sleep(250); // the state as the nodes serve it: no watch without ZooKeeper
            }
        } catch (SolrServerException | IOException e) {
            throw new SolrUnreachableException("cannot read the state of the SolrCloud at " + address() + ": "
                    + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for collection " + name, e);
        }
    }

    /** The collection's state, or null when there is none (asked by name: the HTTP state provider fails on a missing one). */
    private DocCollection collection(String name) throws SolrServerException, IOException {
        if (!viaZk && !CollectionAdminRequest.listCollections(client).contains(name)) {
            return null;
        }
        return client.getClusterStateProvider().getCollection(name);
    }

    /** Refuses a collection that is not Footnote's schema or whose vectors have another dimension. */
    void check(String name, int dimension) throws SolrServerException, IOException {
        String schema = new SchemaRequest.SchemaName().process(client, name).getSchemaName();
        String fix = " Delete it (the Collections API: /admin/collections?action=DELETE&name=" + name
                + ") and Footnote creates it anew, or choose another collection with --solr-collection NAME.";
        if (!SCHEMA_NAME.equals(schema)) {
            throw new SchemaMismatchException("collection " + name + " at " + zk + " has schema \"" + schema
                    + "\", not Footnote's \"" + SCHEMA_NAME + "\"." + fix);
        }
        Map<String, Object> vector;
        try {
            vector = new SchemaRequest.FieldType(VECTOR_TYPE).process(client, name).getFieldType().getAttributes();
        } catch (RuntimeException e) {
            throw new SchemaMismatchException("collection " + name + " at " + zk + " has no " + VECTOR_TYPE
                    + " field type." + fix, e);
        }
        String found = String.valueOf(vector.get("vectorDimension"));
        String similarity = String.valueOf(vector.get("similarityFunction"));
        if (!found.equals(Integer.toString(dimension)) || !"cosine".equalsIgnoreCase(similarity)) {
            throw new SchemaMismatchException("collection " + name + " at " + zk + " holds " + found + "-dimensional "
                    + similarity + " vectors, but the embedder makes " + dimension + "-dimensional cosine ones."
                    + fix);
        }
    }

    /** The terms the collection's text analysis makes of {@code text}, in order: the same as the embedded index's. */
    public List<String> analyze(String collection, String text) throws SolrServerException, IOException {
        FieldAnalysisRequest request = new FieldAnalysisRequest().addFieldType(TEXT_TYPE).setFieldValue(text);
        FieldAnalysisResponse response = request.process(client, collection);
        List<AnalysisResponseBase.AnalysisPhase> phases = new ArrayList<>();
        response.getFieldTypeAnalysis(TEXT_TYPE).getIndexPhases().forEach(phases::add);
        List<String> terms = new ArrayList<>();
        for (AnalysisResponseBase.TokenInfo token : phases.get(phases.size() - 1).getTokens()) {
            terms.add(token.getText());
        }
        return terms;
    }

    /** Removes the collection (for tests and for starting over). */
    public void delete(String collection) throws SolrServerException, IOException {
        CollectionAdminRequest.deleteCollection(collection).process(client);
    }

    /** Uploads Footnote's configset straight to ZooKeeper (trusted, unlike one sent through the API) as {@code name}. */
    public void upload(String name, int dimension) throws IOException {
        Path dir = Files.createTempDirectory("footnote-configset");
        try {
            writeConfigSet(dir, dimension);
            uploadFolder(dir, name);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Uploads the configset in {@code dir} (solrconfig.xml, schema.xml, ...) as {@code name}. */
    public void uploadFolder(Path dir, String name) throws IOException {
        if (!viaZk) {
            // One already there is left as it is, as in ensure(): its name is its version, and one written to
            // ZooKeeper is trusted, which Solr refuses to overwrite with an untrusted upload.
            try {
                if (new ConfigSetAdminRequest.List().process(client).getConfigSets().contains(name)) {
                    return;
                }
            } catch (SolrServerException e) {
                throw new IOException("cannot list the configsets at " + address() + ": " + rootMessage(e), e);
            }
            uploadThroughApi(dir, name);
            return;
        }
        ZkMaintenanceUtils.uploadToZK(ZkClientClusterStateProvider.from(client).getZkStateReader().getZkClient(), dir,
                "/configs/" + name, ZkMaintenanceUtils.UPLOAD_FILENAME_EXCLUDE_PATTERN);
    }

    /**
     * Uploads the configset as a zip through the Configsets API: a cluster reached by URL only. Solr marks such a
     * configset untrusted, which Footnote's does not mind (it loads no libraries and runs no scripts).
     */
    private void uploadThroughApi(Path dir, String name) throws IOException {
        Path zip = Files.createTempFile("footnote-configset", ".zip");
        try {
            try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
                    Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    out.putNextEntry(new java.util.zip.ZipEntry(f.getFileName().toString()));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            var response = new ConfigSetAdminRequest.Upload().setConfigSetName(name)
                    .setUploadFile(zip.toFile(), "application/zip").setOverwrite(true).process(client);
            if (response.getErrorMessages() != null && response.getErrorMessages().size() > 0) {
                throw new IOException("the upload of configset " + name + " failed: " + response.getErrorMessages());
            }
        } catch (SolrServerException e) {
            throw new IOException("the upload of configset " + name + " failed: " + rootMessage(e), e);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /** Writes Footnote's configset for vectors of {@code dimension} into {@code dir}. */
    public static void writeConfigSet(Path dir, int dimension) throws IOException {
        for (String file : List.of("solrconfig.xml", "schema.xml")) {
            try (InputStream in = SolrCollections.class.getResourceAsStream("/solr-configset/" + file)) {
                if (in == null) {
                    throw new IOException("the configset's " + file + " is missing from Footnote's jar");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(file), text.replace("VECTOR_DIMENSION", Integer.toString(dimension)),
                        StandardCharsets.UTF_8);
            }
        }
        Files.writeString(dir.resolve("stopwords.txt"), String.join("\n", TextAnalysis.stopWordList()) + "\n",
                StandardCharsets.UTF_8);
    }

    /** One configset per schema version and vector dimension, so that collections of either never share one. */
    public static String configSetName(int dimension) {
        return SCHEMA_NAME + "-" + dimension;
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(CloudSolrClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // closing a client that never connected may fail; nothing is lost
        }
    }

    /** A cloud client's builder for the ZooKeeper ensemble {@code host:port[,host:port...][/chroot]}. */
    @SuppressWarnings("deprecation") // the Apache HttpClient cloud client: see the class comment
    static CloudLegacySolrClient.Builder viaZooKeeper(String zk) {
        int slash = zk.indexOf('/');
        List<String> hosts = List.of((slash < 0 ? zk : zk.substring(0, slash)).split(","));
        Optional<String> chroot = slash < 0 ? Optional.empty() : Optional.of(zk.substring(slash));
        return new CloudLegacySolrClient.Builder(hosts, chroot);
    }

    /** A cloud client's builder for the nodes at {@code urls} ({@code http://host:port/solr}, comma-separated). */
    @SuppressWarnings("deprecation") // the Apache HttpClient cloud client: see the class comment
    static CloudLegacySolrClient.Builder viaUrls(String urls) {
        return new CloudLegacySolrClient.Builder(urlList(urls));
    }

    private static List<String> urlList(String urls) {
        return List.of(urls.strip().split("\\s*,\\s*"));
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** The cluster cannot be reached, or failed on the way. */
    public static final class SolrUnreachableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        SolrUnreachableException(String message) {
            super(message);
        }

        SolrUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The collection exists but is not Footnote's schema or dimension. */
    public static final class SchemaMismatchException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        SchemaMismatchException(String message) {
            super(message);
        }

        SchemaMismatchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
