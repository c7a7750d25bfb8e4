package dev.footnote.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.answer.Answer;
import dev.footnote.answer.Citation;
import dev.footnote.conversation.ConversationSettings;
import dev.footnote.embed.BgeSmallEmbedder;
import dev.footnote.index.BackendSettings;
import dev.footnote.index.IndexReport;
import dev.footnote.index.Unit;
import dev.footnote.index.solr.SolrCollections;
import dev.footnote.json.Json;
import dev.footnote.retrieve.Retrieval;
import dev.footnote.retrieve.Retriever;
import dev.footnote.retrieve.SearchHit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SolrCloud backend against a real 2-node cluster (started once for the class, as {@link ClusterCommandTest}
 * does): the sample articles indexed through {@code footnote index --backend solr} into a 2-shard collection and into
 * an embedded index give the same passages and the same answers, with the same citations, for questions of the
 * project's set; a changed file is indexed again and a deleted one removed; an unreachable cluster is one line.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SolrBackendTest {

    private static final String FAST_START = "-XX:TieredStopAtLevel=1";
    private static final String COLLECTION = "same";

    @TempDir
    static Path tmp;

    private final List<Long> pids = new CopyOnWriteArrayList<>();
    private String zk;
    private Path articles;
    private Footnote embedded;
    private Footnote solr;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path clusterDir() {
        return tmp.resolve("cluster");
    }

    @BeforeAll
    void startClusterAndIndexBoth() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pids.addAll(pidsInState());
            List.copyOf(pids).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }));
        Result start = run("cluster", "start", "--nodes", "2", "--dir", clusterDir().toString(), "--start-timeout",
                "150", "--node-jvm-options", FAST_START);
        pids.addAll(pidsInState());
        assertThat(start.code()).as(start.err()).isZero();
        zk = start.out().lines().findFirst().orElseThrow().substring("zk ".length());

        articles = SampleArticles.copyTo(tmp.resolve("articles"));
        // The cluster's side through the command line, as a user runs it; the collection is made on first use.
        Result indexed = run("index", "--articles", articles.toString(), "--index", tmp.resolve("solr-side").toString(),
                "--backend", "solr", "--solr-zk", zk, "--solr-collection", COLLECTION, "--solr-shards", "2",
                "--retrieval", "hybrid");
        assertThat(indexed.code()).as(indexed.err()).isZero();

        embedded = Footnote.open(config(BackendSettings.LUCENE, tmp.resolve("lucene")), line -> {});
        embedded.sync();
        solr = Footnote.open(config(solrBackend(), tmp.resolve("solr-side")), line -> {});
        assertThat(solr.sync().unchanged()).as("everything was indexed by the command").isEqualTo(5);
    }

    private BackendSettings solrBackend() {
        return BackendSettings.LUCENE.withKind(BackendSettings.Kind.SOLR).withSolr(zk, "")
                .withCollection(COLLECTION, 2, 1);
    }

    private Config config(BackendSettings backend, Path index) {
        return Config.of(articles, index).withRetrieval(Retrieval.HYBRID).withBackend(backend)
                .withConversations(Config.DEFAULTS.conversations().withStore(ConversationSettings.MEMORY));
    }

    private List<Long> pidsInState() {
        Path state = clusterDir().resolve(LocalCluster.STATE_FILE);
        List<Long> found = new ArrayList<>();
        try {
            if (Files.exists(state)) {
                JsonNode json = Json.MAPPER.readTree(state.toFile());
                json.path("nodes").forEach(n -> found.add(n.path("pid").asLong()));
                found.add(json.path("zookeeper").path("pid").asLong());
            }
        } catch (IOException e) {
            // Half written while start writes it: the pids already known still go.
        }
        return found;
    }

    @AfterAll
    void endEverything() throws IOException {
        if (solr != null) {
            solr.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        run("cluster", "stop", "--dir", clusterDir().toString());
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private static List<String> questions() throws IOException {
        List<String> questions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("eval/questions.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                questions.add(Json.MAPPER.readTree(line).path("question").asText());
            }
        }
        return questions;
    }

    @Test
    @Order(1)
    void bothBackendsHoldTheSameCollection() throws IOException {
        assertThat(solr.stats().articles()).isEqualTo(embedded.stats().articles()).isEqualTo(5);
        assertThat(solr.stats().passages()).isEqualTo(embedded.stats().passages());
        assertThat(solr.index().indexedFiles()).isEqualTo(embedded.index().indexedFiles());
        assertThat(solr.articles(0, 10)).usingRecursiveComparison().ignoringFields("articles.indexedAt")
                .isEqualTo(embedded.articles(0, 10));
        String file = "004_8ee1bc03666afbd8.txt";
        assertThat(solr.article(file)).isEqualTo(embedded.article(file));
    }

    @Test
    @Order(2)
    void aNodesUrlReachesTheSameCollectionAndMakesANewOneThroughTheApi() throws Exception {
        JsonNode status = Json.MAPPER
                .readTree(run("cluster", "status", "--json", "--dir", clusterDir().toString()).out());
        String url = status.path("nodes").get(0).path("url").asText();
        try (Footnote byUrl = Footnote.open(config(solrBackend().withSolr("", url), tmp.resolve("by-url")),
                line -> {})) {
            assertThat(byUrl.stats()).isEqualTo(solr.stats());
        }
        // Without ZooKeeper the configset goes through the Configsets API; the collection is checked as any other.
        try (SolrCollections cluster = SolrCollections.connectUrls(url, 5)) {
            SolrCollections.Outcome made = cluster.ensure("by_url", 1, 1, BgeSmallEmbedder.DIMENSION);
            assertThat(made.created()).isTrue();
            assertThat(cluster.ensure("by_url", 1, 1, BgeSmallEmbedder.DIMENSION).created()).isFalse();
        }
    }

    @Test
    @Order(3)
    void everyQuestionGetsTheSamePassagesAndTheSameAnswerFromBoth() throws IOException {
        Retriever bm25Solr = new Retriever(solr.index());
        Retriever bm25Embedded = new Retriever(embedded.index());
        // The first 20 of the project's set keep the test short; `eval --backend solr` compares all of them.
        List<String> questions = questions().subList(0, 20);
        int answered = 0;
        for (String q : questions) {
            samePassages(q, bm25Solr.search(q, 10), bm25Embedded.search(q, 10));
            samePassages(q, solr.service().retriever().search(q, 10), embedded.service().retriever().search(q, 10));
            Answer a = solr.service().ask(q, 5, null);
            Answer b = embedded.service().ask(q, 5, null);
            assertThat(a.answer()).as(q).isEqualTo(b.answer());
            assertThat(a.answered()).as(q).isEqualTo(b.answered());
            assertThat(a.citations()).as(q).hasSameSizeAs(b.citations());
            for (int i = 0; i < a.citations().size(); i++) {
                Citation x = a.citations().get(i);
                Citation y = b.citations().get(i);
                assertThat(List.of(x.file(), x.startLine(), x.endLine(), x.quote())).as(q)
                        .isEqualTo(List.of(y.file(), y.startLine(), y.endLine(), y.quote()));
                assertThat(x.score()).as(q).isCloseTo(y.score(), within(1e-4));
            }
            answered += a.answered() ? 1 : 0;
        }
        assertThat(answered).as("most of the set is answered").isGreaterThan(questions.size() / 2);
    }

    private static void samePassages(String q, List<SearchHit> a, List<SearchHit> b) {
        assertThat(a.stream().map(h -> h.passage().file() + ":" + h.passage().startLine()).toList()).as(q)
                .isEqualTo(b.stream().map(h -> h.passage().file() + ":" + h.passage().startLine()).toList());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).score()).as(q).isCloseTo(b.get(i).score(), within(1e-4));
        }
    }

    @Test
    @Order(4)
    void aChangedFileIsIndexedAgainAndADeletedOneRemoved() throws IOException {
        Path changed = articles.resolve("003_f221ba18038d1787.txt");
        Files.writeString(changed, Files.readString(changed, StandardCharsets.UTF_8)
                + "\nThe zeppelin museum in Friedrichshafen reopened on Tuesday.\n", StandardCharsets.UTF_8);
        Files.delete(articles.resolve("001_3cabf72616562acd.txt"));

        IndexReport report = solr.sync();
        assertThat(report.changed()).containsExactly("003_f221ba18038d1787.txt");
        assertThat(report.removed()).containsExactly("001_3cabf72616562acd.txt");
        assertThat(report.unchanged()).isEqualTo(3);
        embedded.sync();

        assertThat(solr.index().indexedFiles()).isEqualTo(embedded.index().indexedFiles()).hasSize(4);
        assertThat(solr.article("001_3cabf72616562acd.txt")).isEmpty();
        assertThat(solr.stats().passages()).isEqualTo(embedded.stats().passages());
        List<SearchHit> found = new Retriever(solr.index()).search("zeppelin museum Friedrichshafen", 3);
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).passage().file()).isEqualTo("003_f221ba18038d1787.txt");
        assertThat(found.get(0).passage().text()).contains("zeppelin museum");
        assertThat(new Retriever(solr.index()).search("Hamas delegation Cairo", 50))
                .noneMatch(h -> h.passage().file().equals("001_3cabf72616562acd.txt"));
        // Nothing else moved: a second pass finds the cluster in line with the folder.
        assertThat(solr.sync().unchanged()).isEqualTo(4);
    }

    @Test
    @Order(5)
    void anUnreachableClusterOrNoneGivenIsOneLine() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        System.setProperty("footnote.solrConnectSeconds", "2");
        try {
            Result refused = run("index", "--articles", articles.toString(), "--index", tmp.resolve("x").toString(),
                    "--backend", "solr", "--solr-zk", "127.0.0.1:" + closed);
            assertThat(refused.code()).isOne();
            assertThat(refused.err()).startsWith("error: cannot reach the SolrCloud at ZooKeeper 127.0.0.1:" + closed)
                    .doesNotContain("\tat ");
        } finally {
            System.clearProperty("footnote.solrConnectSeconds");
        }
        Result none = run("ask", "--articles", articles.toString(), "--index", tmp.resolve("x").toString(),
                "--backend", "solr", "--cluster-dir", tmp.resolve("no-cluster").toString(), "Who?");
        assertThat(none.code()).isOne();
        assertThat(none.err().strip()).isEqualTo("error: --backend solr needs --solr-zk HOST:PORT or --solr-url URL, "
                + "or a local cluster: start one with ./footnote cluster start (none is in "
                + tmp.resolve("no-cluster") + ")");
    }

    @Test
    @Order(6)
    void aSentenceRepeatedInManyFilesDoesNotHideTheVectorsOfOthers() throws IOException {
        String shared = "The lighthouse keeper counted four hundred gulls on the rock.";
        String last = "";
        for (int i = 0; i < 12; i++) {
            last = "Ferry number " + i + " left the harbour at dawn with " + (i + 3) + " passengers.";
            Files.writeString(articles.resolve("gulls-" + i + ".txt"), "Gulls of the rock " + i + "\n\n" + shared
                    + " " + last + "\n", StandardCharsets.UTF_8);
        }
        solr.sync();
        embedded.sync();
        // The shared sentence has twelve units: asked for with one other hash, its copies must not fill the rows.
        List<String> wanted = List.of(Unit.hash(shared), Unit.hash(last));
        Map<String, float[]> fromSolr = solr.index().cachedVectors(wanted);
        Map<String, float[]> fromEmbedded = embedded.index().cachedVectors(wanted);
        assertThat(fromSolr.keySet()).containsExactlyInAnyOrderElementsOf(wanted)
                .isEqualTo(fromEmbedded.keySet());
        for (String h : wanted) {
            assertThat(fromSolr.get(h)).containsExactly(fromEmbedded.get(h), within(1e-5f));
        }
    }
}
