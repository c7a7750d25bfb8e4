package dev.footnote.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.Waits;
import dev.footnote.embed.BgeSmallEmbedder;
import dev.footnote.index.solr.SolrCollections;
import dev.footnote.json.Json;
import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * {@code footnote cluster} against a real SolrCloud: ZooKeeper and two Solr nodes, each a process of its own, built
 * from the cluster module. One cluster serves every test here (a start costs tens of seconds on two cores); the test
 * that kills a node runs last. Every process is ended after the tests, whatever happened in them.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterCommandTest {

    /** C1 only: a node starts in about half the time, and a test's cluster serves little. */
    private static final String FAST_START = "-XX:TieredStopAtLevel=1";

    @TempDir
    static Path tmp;

    private final List<Long> pids = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Result start;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path dir() {
        return tmp.resolve("cluster");
    }

    private JsonNode status() throws Exception {
        return Json.MAPPER.readTree(run("cluster", "status", "--json", "--dir", dir().toString()).out());
    }

    private String zk() {
        return start.out().lines().findFirst().orElseThrow().substring("zk ".length());
    }

    @BeforeAll
    void startTwoNodes() throws Exception {
        // Should the test JVM itself be ended (Surefire's fork timeout), the cluster goes with it.
        // The hook reads the state file, which start writes after each process, so it also ends a half-started one.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pids.addAll(pidsInState());
            List.copyOf(pids).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }));
        start = run("cluster", "start", "--nodes", "2", "--dir", dir().toString(), "--start-timeout", "150",
                "--node-jvm-options", FAST_START);
        pids.addAll(pidsInState());
        assertThat(start.code()).as(start.err()).isZero();
    }

    /** The process ids the cluster's state file names; none when there is no readable one. */
    private List<Long> pidsInState() {
        Path state = dir().resolve(LocalCluster.STATE_FILE);
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
    void endEverything() {
        run("cluster", "stop", "--dir", dir().toString());
        // Should stop itself have failed, no process outlives the tests.
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    @Order(1)
    void startPrintsTheZooKeeperAndStatusSaysEveryNodeIsLive() throws Exception {
        assertThat(start.out()).startsWith("zk 127.0.0.1:");
        JsonNode status = status();
        assertThat(status.path("zk").asText()).isEqualTo(zk());
        assertThat(status.path("nodes")).hasSize(2);
        List<String> urls = new ArrayList<>();
        for (JsonNode node : status.path("nodes")) {
            assertThat(node.path("live").asBoolean()).as(node.toString()).isTrue();
            assertThat(node.path("url").asText()).matches("http://127\\.0\\.0\\.1:\\d+/solr");
            assertThat(ProcessHandle.of(node.path("pid").asLong())).isPresent();
            urls.add(node.path("url").asText());
        }
        assertThat(urls).doesNotHaveDuplicates();
        assertThat(run("cluster", "status", "--dir", dir().toString()).code()).isZero();
    }

    @Test
    @Order(2)
    void createsAShardedReplicatedCollectionWithTheEmbeddedIndexsAnalysis() throws Exception {
        Result created = run("cluster", "collection", "--dir", dir().toString(), "--solr-collection", "articles",
                "--solr-shards", "2", "--solr-replicas", "2");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("created articles: 2 shards x 2 replicas, configset footnote-2-384")
                .contains("at " + zk());

        Result again = run("cluster", "collection", "--solr-zk", zk(), "--solr-collection", "articles");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("checked articles: 2 shards x 2 replicas");

        String text = "The ceasefire talks in Cairo's hotels were postponed; Beyoncé's fans didn't travel.";
        try (SolrCollections solr = SolrCollections.connect(zk())) {
            assertThat(solr.analyze("articles", text)).isEqualTo(TextAnalysis.terms(text));
        }
    }

    @Test
    @Order(3)
    void refusesACollectionOfAnotherVectorDimensionOrSchema() throws Exception {
        try (SolrCollections solr = SolrCollections.connect(zk())) {
            solr.ensure("wide", 1, 1, 768);
            assertThatThrownBy(() -> solr.ensure("wide", 1, 1, BgeSmallEmbedder.DIMENSION))
                    .isInstanceOf(SolrCollections.SchemaMismatchException.class)
                    .hasMessageContaining("768-dimensional")
                    .hasMessageContaining("384-dimensional")
                    .hasMessageContaining("action=DELETE&name=wide")
                    .hasMessageContaining("--solr-collection");

            Path foreign = Files.createDirectories(tmp.resolve("foreign"));
            SolrCollections.writeConfigSet(foreign, BgeSmallEmbedder.DIMENSION);
            Path schema = foreign.resolve("schema.xml");
            Files.writeString(schema, Files.readString(schema, StandardCharsets.UTF_8)
                    .replace("name=\"" + SolrCollections.SCHEMA_NAME + "\"", "name=\"someone-else\""));
            solr.uploadFolder(foreign, "someone-else");
            solr.create("theirs", "someone-else", 1, 1);
        }
        Result refused = run("cluster", "collection", "--solr-zk", zk(), "--solr-collection", "theirs");
        assertThat(refused.code()).isOne();
        assertThat(refused.err()).contains("collection theirs at " + zk() + " has schema \"someone-else\"")
                .contains("--solr-collection NAME");
    }

    @Test
    @Order(4)
    void anUnreachableClusterIsNamedInOneLine() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Result refused = run("cluster", "collection", "--solr-zk", "127.0.0.1:" + closed, "--solr-timeout", "2");
        assertThat(refused.code()).isOne();
        assertThat(refused.err()).startsWith("error: cannot reach the SolrCloud at ZooKeeper 127.0.0.1:" + closed)
                .doesNotContain("\tat ");
    }

    @Test
    @Order(9)
    void aKilledNodeIsDownAndStopEndsTheRest() throws Exception {
        // SIGKILL: the node has no chance to say goodbye; the other node and ZooKeeper go on.
        JsonNode status = status();
        long killed = status.path("nodes").get(0).path("pid").asLong();
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        JsonNode after = Waits.within(Duration.ofSeconds(30)).until(this::status,
                s -> !s.path("nodes").get(0).path("live").asBoolean());
        assertThat(after.path("nodes").get(0).path("pid").asLong()).isEqualTo(killed);
        assertThat(after.path("nodes").get(1).path("live").asBoolean()).isTrue();
        assertThat(run("cluster", "status", "--dir", dir().toString()).code()).as("not every node is live").isOne();

        assertThat(run("cluster", "stop", "--dir", dir().toString()).code()).isZero();
        Waits.within(Duration.ofSeconds(30))
                .until(() -> pids.stream().noneMatch(pid -> ProcessHandle.of(pid).isPresent()));
        assertThat(dir()).doesNotExist();
    }

    @Test
    void statusWithoutAClusterSaysHowToStartOne() {
        Result status = run("cluster", "status", "--dir", tmp.resolve("none").toString());
        assertThat(status.code()).isNotZero();
        assertThat(status.err()).contains("no cluster in " + tmp.resolve("none")).contains("./footnote cluster start");
    }

    @Test
    void startWithoutTheClusterModuleSaysHowToBuildIt() {
        Path missing = tmp.resolve("no-such.jar");
        Result started = run("cluster", "start", "--dir", tmp.resolve("other").toString(), "--cluster-jar",
                missing.toString());
        assertThat(started.code()).isNotZero();
        assertThat(started.err()).contains(missing.toString()).contains("mvn -f cluster/pom.xml package");
        assertThat(tmp.resolve("other")).doesNotExist();
    }
}
