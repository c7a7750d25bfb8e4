package dev.footnote.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.Waits;
import dev.footnote.retrieve.Retrieval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens around a watcher's start and a folder that cannot be read. */
class FolderWatcherStartTest {

    @TempDir
    Path temp;

    @Test
    void anEditMadeWhileTheStartUpPassRanIsIndexedByTheWatcher() throws Exception {
        Path articles = temp.resolve("articles");
        Files.createDirectories(articles);
        Files.writeString(articles.resolve("river.txt"),
                "# River\n\nThe river floods every spring after the snow melts.\n");
        try (Footnote footnote = Footnote.open(Config.of(articles, temp.resolve("index")).withRetrieval(Retrieval.BM25),
                line -> {})) {
            // As serve does it: note the folder, run the start-up pass, start watching.
            FolderWatcher noted = new FolderWatcher(footnote.files(), footnote::sync, line -> {}, 40, 200).snapshot();
            footnote.sync(); // the start-up pass has read river.txt ...
            Files.writeString(articles.resolve("river.txt"), // ... and the file changes before the watcher starts
                    "# River\n\nThe river froze solid in the winter of 1963.\n");
            try (FolderWatcher watcher = noted.start(true)) {
                // The pass commits the new text, then notes the file as indexed: wait for both.
                Waits.within(Duration.ofSeconds(10)).untilAsserted(() -> {
                    String text = String.join("\n", footnote.index().article("river.txt").orElseThrow().lines());
                    assertThat(text).contains("froze solid in the winter of 1963");
                    assertThat(watcher.isCurrent("river.txt")).isTrue();
                });
            }
        }
    }

    @Test
    void aFolderThatCannotBeReadFailsThePassAndKeepsItsArticles() throws Exception {
        Path articles = SampleArticles.copyTo(temp.resolve("articles"));
        Path sub = Files.createDirectories(articles.resolve("sub"));
        Files.writeString(sub.resolve("river.txt"), "# River\n\nThe river floods every spring.\n");
        try (Footnote footnote = Footnote.open(Config.of(articles, temp.resolve("index")).withRetrieval(Retrieval.BM25),
                line -> {})) {
            assertThat(footnote.sync().added()).hasSize(6);
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("---------"));
            try {
                assumeFalse(Files.isReadable(sub), "running as root: permissions do not stop listing a folder");
                assertThatThrownBy(footnote::sync).isInstanceOf(IOException.class).hasMessageContaining("sub");
                assertThat(footnote.index().indexedHashes()).containsKey("sub/river.txt").hasSize(6);
            } finally {
                Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }
}
