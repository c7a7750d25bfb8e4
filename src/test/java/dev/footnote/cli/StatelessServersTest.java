package dev.footnote.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.Waits;
import dev.footnote.conversation.ConversationSettings;
import dev.footnote.conversation.ConversationStore.Stored;
import dev.footnote.conversation.ConversationStore.StoredTurn;
import dev.footnote.conversation.Conversations;
import dev.footnote.conversation.Turn;
import dev.footnote.conversation.solr.SolrConversationStore;
import dev.footnote.index.BackendSettings;
import dev.footnote.index.WriterStatus;
import dev.footnote.index.solr.SolrPassageStore;
import dev.footnote.index.solr.StateCollection;
import dev.footnote.index.solr.WriterLease;
import dev.footnote.json.Json;
import dev.footnote.retrieve.Retrieval;
import dev.footnote.server.FootnoteServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
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
 * Several Footnote processes over one real SolrCloud (ZooKeeper and one Solr node, each a process of its own): the
 * writer lease, conversations kept in the cluster, and the server's answer when the cluster is lost and comes back.
 * Each "process" here is a client of its own on the cluster (a {@link StateCollection}), as two servers would have.
 * One cluster serves every test; the test that kills the node runs last.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StatelessServersTest {

    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final String FIRST = "Which Egyptian official met the Hamas delegation?";
    private static final String FOLLOW_UP = "Where did he meet them?";

    @TempDir
    static Path tmp;

    private final List<Long> pids = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String zk;

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    /** Runs a command that prints its refusal on the process's standard error; its exit code and that text. */
    private static Map.Entry<Integer, String> runCapturingStderr(String... args) {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine().execute(args);
            return Map.entry(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }

    private Path dir() {
        return tmp.resolve("cluster");
    }

    private JsonNode status() throws IOException {
        return Json.MAPPER.readTree(run("cluster", "status", "--json", "--dir", dir().toString()));
    }

    @BeforeAll
    void startOneNode() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(pids)
                .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly))));
        String out = run("cluster", "start", "--nodes", "1", "--dir", dir().toString(), "--start-timeout", "150",
                "--node-jvm-options", "-XX:TieredStopAtLevel=1");
        zk = out.lines().findFirst().orElseThrow().substring("zk ".length());
        notePids();
    }

    private void notePids() throws IOException {
        JsonNode state = Json.MAPPER.readTree(dir().resolve(LocalCluster.STATE_FILE).toFile());
        state.path("nodes").forEach(n -> pids.add(n.path("pid").asLong()));
        pids.add(state.path("zookeeper").path("pid").asLong());
    }

    @AfterAll
    void endEverything() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // the cluster may be gone by now; what matters is that no process outlives the tests
            }
        }
        http.close();
        run("cluster", "stop", "--dir", dir().toString());
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private BackendSettings settings(String collection) {
        return BackendSettings.LUCENE.withKind(BackendSettings.Kind.SOLR).withSolr(zk, "")
                .withCollection(collection, 1, 1).withLeaseSeconds((int) LEASE.toSeconds());
    }

    /** A client of its own on the collection's state, as a process of its own has. */
    private StateCollection client(String collection) {
        return opened(StateCollection.open(settings(collection)));
    }

    private WriterLease lease(StateCollection state) {
        return opened(new WriterLease(state, LEASE, Clock.systemUTC(), log::add));
    }

    @Test
    @Order(1)
    void oneProcessHoldsTheLeaseRenewsItAndAnotherTakesItWhenReleasedOrExpired() throws Exception {
        StateCollection a = client("leases");
        StateCollection b = client("leases");
        assertThat(a.name()).isEqualTo("leases_state");
        WriterLease first = lease(a).start(() -> {});
        WriterLease second = lease(b);

        assertThat(first.tryAcquire()).isTrue();
        assertThat(second.tryAcquire()).isFalse();
        assertThat(second.holder().orElseThrow().owner()).isEqualTo(first.owner());
        assertThat(first.status().self()).isTrue();
        assertThat(second.status()).extracting(WriterStatus::owner, WriterStatus::self)
                .containsExactly(first.owner(), false);

        // Renewed in the background, it outlives its lease time many times over.
        Instant taken = Instant.now();
        Waits.within(LEASE.multipliedBy(4)).during(LEASE.multipliedBy(3).dividedBy(2))
                .until(() -> first.holds() && !second.tryAcquire());
        assertThat(second.holder().orElseThrow().expiresAt()).isAfter(taken.plus(LEASE.multipliedBy(3).dividedBy(2)));

        // Released on close: the other takes it at once.
        first.close();
        assertThat(second.tryAcquire()).isTrue();

        // A holder that stops renewing (it died): another takes over once the lease has expired, not before.
        WriterLease third = lease(a);
        assertThat(third.tryAcquire()).isFalse();
        Instant expiry = second.holder().orElseThrow().expiresAt();
        Waits.within(LEASE.multipliedBy(3)).until(third::tryAcquire);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        assertThat(second.holds()).isFalse();
        assertThat(second.tryAcquire()).isFalse();
        assertThat(second.holder().orElseThrow().owner()).isEqualTo(third.owner());
        assertThat(log).anyMatch(line -> line.contains("writer lease of " + second.owner() + " expired"));
    }

    @Test
    @Order(2)
    void ofManyTakingAFreeLeaseAtOnceOneWinsAndAStaleVersionIsRefused() throws Exception {
        StateCollection a = client("race");
        StateCollection b = client("race");
        List<WriterLease> contenders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            contenders.add(lease(i % 2 == 0 ? a : b));
        }
        List<Boolean> won = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(contenders.size())) {
            List<Callable<Boolean>> tries = contenders.stream().<Callable<Boolean>>map(l -> l::tryAcquire).toList();
            for (Future<Boolean> f : pool.invokeAll(tries)) {
                won.add(f.get());
            }
        }
        assertThat(won).containsOnlyOnce(true);
        WriterLease winner = contenders.get(won.indexOf(true));
        long read = winner.holder().orElseThrow().version();

        // The winner renews, so the version read before is stale: a write over it is a conflict (409).
        assertThat(winner.tryAcquire()).isTrue();
        assertThat(winner.holder().orElseThrow().version()).isNotEqualTo(read);
        SolrInputDocument stale = new SolrInputDocument();
        stale.setField("id", "lease:writer");
        stale.setField("owner", "someone-else");
        stale.setField("_version_", read);
        assertThatThrownBy(() -> new UpdateRequest().add(stale).process(b.client(), b.name()))
                .isInstanceOfSatisfying(SolrException.class, e -> assertThat(e.code()).isEqualTo(409));
        assertThat(contenders.get((won.indexOf(true) + 1) % 6).tryAcquire()).isFalse();
        assertThat(winner.holds()).isTrue();
    }

    private static Stored conversation(String id, long at, String answer) {
        return new Stored(id, List.of(new StoredTurn("question of " + id, "query of " + id, answer, at)));
    }

    @Test
    @Order(3)
    void conversationsAreKeptInTheClusterPrunedAndContinuedByAnotherProcess() throws Exception {
        SolrConversationStore one = new SolrConversationStore(client("talks"), log::add);
        SolrConversationStore two = new SolrConversationStore(client("talks"), log::add);

        // A long conversation is kept whole: past Lucene's 32 KB limit on an indexed term.
        Stored big = conversation("big", 1_000, "a long answer. ".repeat(3_000));
        one.put(big);
        assertThat(two.get("big")).contains(big);
        assertThat(two.delete("big")).isTrue();
        assertThat(one.get("big")).isEmpty();
        assertThat(one.delete("big")).isFalse();

        List<Stored> kept = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            kept.add(conversation("c" + i, i * 1_000L, "answer " + i));
            one.put(kept.get(i - 1));
        }
        long all = kept.stream().mapToLong(Stored::size).sum();
        Waits.within(Duration.ofSeconds(10)).until(() -> two.count() == 5 && two.size() == all);

        // Idle before 2.5 s: c1 and c2, but c1 is the one being answered.
        assertThat(two.prune(Instant.ofEpochMilli(2_500), 100, Long.MAX_VALUE, "c1")).isEqualTo(1);
        assertThat(one.get("c2")).isEmpty();
        // Over the count: the least recently used go first until two are left.
        assertThat(two.prune(Instant.EPOCH, 2, Long.MAX_VALUE, null)).isEqualTo(2);
        assertThat(one.get("c1")).isEmpty();
        assertThat(one.get("c3")).isEmpty();
        assertThat(one.get("c4")).contains(kept.get(3));
        Waits.within(Duration.ofSeconds(10))
                .until(() -> one.count() == 2 && one.size() == kept.get(3).size() + kept.get(4).size());
        // Over the size: one more goes.
        assertThat(one.prune(Instant.EPOCH, 100, kept.get(4).size(), null)).isEqualTo(1);
        assertThat(one.get("c5")).contains(kept.get(4));

        // One server answers, another continues: each over its own client.
        ConversationSettings settings = ConversationSettings.DEFAULTS.withStore(ConversationSettings.SOLR);
        Conversations first = new Conversations(settings, one, Clock.systemUTC(), log::add);
        Conversations second = new Conversations(settings, two, Clock.systemUTC(), log::add);
        first.add("shared", new Turn(FIRST, FIRST, "Abbas Kamel met them [1]."));
        assertThat(second.lookup("shared")).isEqualTo(new Conversations.Lookup(Conversations.CONTINUED,
                List.of(new Turn(FIRST, FIRST, "Abbas Kamel met them."))));
    }

    @Test
    @Order(4)
    void aNodesUrlReachesTheStateCollectionAsItsZooKeeperDoes() throws Exception {
        String url = status().path("nodes").get(0).path("url").asText();
        BackendSettings byUrl = settings("byurl").withSolr("", url);
        // Made through the node's URL (its configset through the Configsets API), read through ZooKeeper.
        SolrConversationStore viaUrl = new SolrConversationStore(opened(StateCollection.open(byUrl)), log::add);
        SolrConversationStore viaZk = new SolrConversationStore(client("byurl"), log::add);
        Stored kept = conversation("u1", 1_000, "kept through a URL");
        viaUrl.put(kept);
        assertThat(viaZk.get("u1")).contains(kept);
        assertThat(opened(StateCollection.open(byUrl)).problem()).isEmpty();
    }

    private Footnote open(Path articles, Path index, List<String> lines) throws IOException {
        // BM25: no embedding model to load; both answer from the same collection in the cluster, as two servers do
        // (the index folder holds only what a server keeps beside it, such as feedback).
        return opened(Footnote.open(Config.of(articles, index).withRetrieval(Retrieval.BM25)
                .withBackend(settings("served")), lines::add));
    }

    private FootnoteServer serve(Footnote footnote) {
        FootnoteServer server = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        opened.add(server::stop);
        return server;
    }

    private HttpResponse<String> ask(FootnoteServer server, Map<String, Object> body, String accept)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/ask"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> health(FootnoteServer server) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/health"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    @Order(9)
    void twoServersShareConversationsAndAnswer503WhileTheClusterIsLostThenRecover() throws Exception {
        Path articles = SampleArticles.copyTo(tmp.resolve("articles"));
        Path index = Files.createDirectories(tmp.resolve("index"));
        List<String> oneLog = new CopyOnWriteArrayList<>();
        List<String> twoLog = new CopyOnWriteArrayList<>();
        Footnote one = open(articles, index, oneLog);
        assertThat(one.sync()).as("the first process takes the lease and indexes").isNotNull();
        Footnote two = open(articles, index, twoLog);
        assertThat(two.sync()).as("the second answers, and does not index").isNull();
        assertThat(twoLog).anyMatch(line -> line.contains("is being written by " + one.writer().orElseThrow().owner()));
        FootnoteServer s1 = serve(one);
        FootnoteServer s2 = serve(two);

        JsonNode h1 = json(health(s1));
        JsonNode h2 = json(health(s2));
        assertThat(h1.path("writer").path("self").asBoolean()).isTrue();
        assertThat(h2.path("writer").path("self").asBoolean()).isFalse();
        assertThat(h2.path("writer").path("owner").asText()).isEqualTo(h1.path("writer").path("owner").asText());
        assertThat(h2.path("backend").path("status").asText()).isEqualTo("up");
        // The passages are the cluster's collection, not a copy in each server: health counts its replicas.
        assertThat(one.index()).isInstanceOf(SolrPassageStore.class);
        assertThat(two.index()).isInstanceOf(SolrPassageStore.class);
        assertThat(h2.path("backend").path("kind").asText()).isEqualTo("solr");
        assertThat(h2.path("backend").path("live_nodes").asInt()).isOne();
        assertThat(h2.path("backend").path("replicas_active").asInt()).isOne();

        HttpResponse<String> asked = ask(s1, Map.of("question", FIRST), "application/json");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        String id = json(asked).path("conversation_id").asText();
        HttpResponse<String> followed = ask(s2, Map.of("question", FOLLOW_UP, "conversation_id", id),
                "application/json");
        assertThat(followed.statusCode()).as(followed.body()).isEqualTo(200);
        assertThat(json(followed).path("conversation_status").asText()).isEqualTo("continued");
        assertThat(json(followed).path("answer").asText()).contains("Cairo");

        // An index run while a server writes: refused, naming the writer.
        Map.Entry<Integer, String> refused = runCapturingStderr("index", "--backend", "solr", "--solr-zk", zk,
                "--solr-collection", "served", "--retrieval", "bm25", "--articles", articles.toString(), "--index",
                tmp.resolve("index-of-index-run").toString());
        assertThat(refused.getKey()).isOne();
        assertThat(refused.getValue()).contains("error: not indexed: " + one.writer().orElseThrow().owner()
                + " holds the writer lease of collection served");

        // SIGKILL the Solr node: the cluster is lost while serving. First the state collection's commit (within a
        // second of a write, see its solrconfig.xml), which a read during the restarted node's log replay relies on.
        client("served").client().commit("served_state");
        long node = status().path("nodes").get(0).path("pid").asLong();
        ProcessHandle killed = ProcessHandle.of(node).orElseThrow();
        killed.destroyForcibly();
        killed.onExit().get(30, TimeUnit.SECONDS);
        for (String accept : List.of("application/json", "text/event-stream")) {
            HttpResponse<String> lost = ask(s2, Map.of("question", FOLLOW_UP, "conversation_id", id), accept);
            assertThat(lost.statusCode()).as(lost.body()).isEqualTo(503);
            assertThat(lost.headers().firstValue("Retry-After")).contains("5");
            assertThat(json(lost).path("error").path("code").asText()).isEqualTo("backend_unavailable");
            assertThat(json(lost).path("error").path("message").asText()).contains("try again")
                    .contains("cannot be reached");
        }
        // Every route that reads the passages' collection says the same: search, the articles, the chat API.
        String base = "http://127.0.0.1:" + s1.port();
        List<HttpRequest> reads = List.of(HttpRequest.newBuilder(URI.create(base + "/api/search?q=Cairo")).build(),
                HttpRequest.newBuilder(URI.create(base + "/api/articles")).build(),
                HttpRequest.newBuilder(URI.create(base + "/api/articles/004_8ee1bc03666afbd8.txt")).build(),
                HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("model", "footnote", "messages",
                                List.of(Map.of("role", "user", "content", FIRST))))))
                        .build());
        for (HttpRequest read : reads) {
            HttpResponse<String> lost = http.send(read, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(lost.statusCode()).as(read.uri() + ": " + lost.body()).isEqualTo(503);
            assertThat(lost.headers().firstValue("Retry-After")).as(read.uri().toString()).contains("5");
            assertThat(lost.body()).as(read.uri().toString()).contains("backend_unavailable");
        }
        HttpResponse<String> down = health(s1);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json(down).path("status").asText()).isEqualTo("unavailable");
        assertThat(json(down).path("backend").path("status").asText()).isEqualTo("down");

        // The node comes back on its port: the next request works, with no restart of either server.
        run("cluster", "start", "--dir", dir().toString());
        notePids();
        HttpResponse<String> back = Waits.within(Duration.ofSeconds(60)).until(
                () -> ask(s2, Map.of("question", FOLLOW_UP, "conversation_id", id), "application/json"),
                r -> r.statusCode() != 503);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(json(back).path("conversation_status").asText()).isEqualTo("continued");
        assertThat(health(s1).statusCode()).isEqualTo(200);
        // The lease ran out while the cluster was gone; one of the two holds it again, and both say which.
        Waits.within(LEASE.multipliedBy(5)).until(() -> {
            JsonNode w1 = json(health(s1)).path("writer");
            JsonNode w2 = json(health(s2)).path("writer");
            return w1.path("owner").isTextual() && w1.path("owner").equals(w2.path("owner"))
                    && w1.path("self").asBoolean() != w2.path("self").asBoolean();
        });
    }
}
