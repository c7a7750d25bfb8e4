package dev.footnote.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.Waits;
import dev.footnote.answer.Answer;
import dev.footnote.answer.Citation;
import dev.footnote.retrieve.Retrieval;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code footnote index} process part-way through, twice, then a restart: each time the
 * index opens, answers with checked citations from what was committed, and the next run catches up on the rest.
 * The killed children commit after every file (instead of every 10 s), so that the kills land between and during
 * commits; and since a kill follows the third commit, it always comes a few files in, never after the last of the
 * 2,000, however fast the machine is.
 */
class IndexCrashTest {

    private static final int FILES = 2000;

    @TempDir
    Path temp;

    @Test
    void anIndexKilledPartWayOpensAnswersAndCatchesUp() throws Exception {
        Path articles = temp.resolve("articles");
        Path index = temp.resolve("index");
        Files.createDirectories(articles.resolve("sub"));
        for (int i = 0; i < FILES; i++) {
            Path dir = i % 3 == 0 ? articles.resolve("sub") : articles;
            Files.writeString(dir.resolve(String.format("a%04d.txt", i)), article(i));
        }
        Random random = new Random(7);
        int previous = 0;
        for (int round = 0; round < 2; round++) {
            Process child = indexProcess(articles, index, 0);
            // Wait for commits beyond the first (the empty one a new index starts with), then a little longer.
            int third = previous + 3;
            Waits.within(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).alias("the child's third commit")
                    .until(() -> commits(index) >= third || !child.isAlive());
            Thread.sleep(random.nextInt(40));
            assertThat(child.isAlive()).as("the indexer must still be working when it is killed").isTrue();
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, the write lock simply vanishes
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
            previous = commits(index);

            try (Footnote footnote = Footnote.open(Config.of(articles, index).withRetrieval(Retrieval.BM25),
                    line -> {})) {
                int indexed = footnote.index().stats().articles();
                assertThat(indexed).as("round %d: some, not all, articles were committed", round).isBetween(1,
                        FILES - 1);
                String file = footnote.index().indexedFiles().keySet().stream().sorted().findFirst().orElseThrow();
                int n = Integer.parseInt(file.replaceAll("\\D", ""));
                assertAnswers(footnote, n);
            }
        }
        Process last = indexProcess(articles, index, 10_000);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.exitValue()).as(out).isZero();
        assertThat(out).contains("0 removed").contains("0 failed");
        try (Footnote footnote = Footnote.open(Config.of(articles, index).withRetrieval(Retrieval.BM25), line -> {})) {
            assertThat(footnote.index().stats().articles()).isEqualTo(FILES);
            assertThat(footnote.sync().changedAnything()).isFalse();
            for (int n : List.of(0, 1, FILES / 2, FILES - 1)) {
                assertAnswers(footnote, n);
            }
        }
    }

    private static void assertAnswers(Footnote footnote, int n) throws IOException {
        Answer answer = footnote.service().ask("Which instrument calibrates the " + word(n) + " reading?", 5, null);
        assertThat(answer.answered()).as(answer.answer()).isTrue();
        assertThat(answer.citations()).extracting(Citation::file).contains(name(n));
        for (Citation c : answer.citations()) {
            List<String> lines = Files.readAllLines(footnote.files().root().resolve(c.file()));
            assertThat(String.join(" ", lines.subList(c.startLine() - 1, c.endLine()))).contains(word(n));
        }
    }

    private static String name(int i) {
        return (i % 3 == 0 ? "sub/" : "") + String.format("a%04d.txt", i);
    }

    /** A word found in one article only. */
    private static String word(int i) {
        StringBuilder w = new StringBuilder("zq");
        int v = i;
        for (int k = 0; k < 4; k++) {
            w.append((char) ('a' + v % 26));
            v /= 26;
        }
        return w.toString();
    }

    private static String article(int i) {
        StringBuilder s = new StringBuilder("# Field notes " + i + "\n\n");
        s.append("The ").append(word(i)).append(" reading is calibrated by the brass hygrometer of station ")
                .append(i).append(".\n\n");
        for (int p = 0; p < 12; p++) {
            s.append("Observers recorded the weather at station ").append(i).append(" on day ").append(p)
                    .append(", noting wind, cloud and the temperature of the river water.\n");
        }
        return s.toString();
    }

    private static int commits(Path index) throws IOException {
        if (!Files.isDirectory(index)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(index)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("segments_"))
                    .mapToInt(f -> Integer.parseInt(f.substring(9), Character.MAX_RADIX)).max().orElse(0);
        }
    }

    private Process indexProcess(Path articles, Path index, long commitEveryMillis) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-Dfootnote.commitEveryMillis=" + commitEveryMillis,
                "-cp", System.getProperty("java.class.path"), "dev.footnote.cli.Main",
                "index", "--articles", articles.toString(), "--index", index.toString(), "--retrieval", "bm25"));
        return new ProcessBuilder(command).redirectError(temp.resolve("child.err").toFile()).start();
    }
}
