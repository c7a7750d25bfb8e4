package dev.footnote.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.Waits;
import dev.footnote.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code footnote cluster} against a real SolrCloud: ZooKeeper and two Solr nodes, each a process of its own, built
 * from the cluster module. Every process is ended after the test, whatever happened in it.
 */
@Tag("cluster")
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterCommandTest {

    /** C1 only: a node starts in about half the time, and a test's cluster serves little. */
    private static final String FAST_START = "-XX:TieredStopAtLevel=1";

    @TempDir
    Path tmp;

    private final List<Long> pids = new ArrayList<>();

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

    @AfterEach
    void endEverything() {
        run("cluster", "stop", "--dir", dir().toString());
        // Should stop itself have failed, no process outlives the test.
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void startsTwoNodesSeesAKilledOneDownAndStopsThemAll() throws Exception {
        Result start = run("cluster", "start", "--nodes", "2", "--dir", dir().toString(), "--timeout", "150",
                "--node-jvm-options", FAST_START);
        JsonNode state = Json.MAPPER.readTree(dir().resolve(LocalCluster.STATE_FILE).toFile());
        state.path("nodes").forEach(n -> pids.add(n.path("pid").asLong()));
        pids.add(state.path("zookeeper").path("pid").asLong());
        assertThat(start.code()).as(start.err()).isZero();
        assertThat(start.out()).startsWith("zk 127.0.0.1:");
        String zk = start.out().lines().findFirst().orElseThrow().substring("zk ".length());

        JsonNode status = status();
        assertThat(status.path("zk").asText()).isEqualTo(zk);
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

        // SIGKILL: the node has no chance to say goodbye; the other node and ZooKeeper go on.
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
        Result status = run("cluster", "status", "--dir", dir().toString());
        assertThat(status.code()).isNotZero();
        assertThat(status.err()).contains("no cluster in " + dir()).contains("./footnote cluster start");
    }

    @Test
    void startWithoutTheClusterModuleSaysHowToBuildIt() throws Exception {
        Path missing = tmp.resolve("no-such.jar");
        Result start = run("cluster", "start", "--dir", dir().toString(), "--cluster-jar", missing.toString());
        assertThat(start.code()).isNotZero();
        assertThat(start.err()).contains(missing.toString()).contains("mvn -f cluster/pom.xml package");
        assertThat(Files.exists(dir())).isFalse();
    }
}
