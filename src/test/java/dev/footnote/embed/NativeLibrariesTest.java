package dev.footnote.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code footnote index} run, which loads the embedding model, in its own JVM whose temp folder is a fresh
 * one: the embedding runtime's native libraries end up under the index folder and nothing of the runtime is
 * left in the temp folder once the process has exited.
 */
class NativeLibrariesTest {

    @TempDir
    Path temp;

    @Test
    void aRunLeavesNoRuntimeFolderInTheTempFolder() throws Exception {
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        Path articles = Files.createDirectories(temp.resolve("articles"));
        Path index = temp.resolve("index");
        Files.writeString(articles.resolve("note.txt"),
                "# Field notes\n\nThe brass hygrometer of the station was calibrated on Monday.\n");

        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), "dev.footnote.cli.Main",
                "index", "--articles", articles.toString(), "--index", index.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("child.out").toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child exits").isTrue();
        String out = Files.readString(temp.resolve("child.out"));
        assertThat(child.exitValue()).as(out).isZero();

        assertThat(names(tmp)).as("left in java.io.tmpdir").noneMatch(name -> name.startsWith("onnxruntime-java"));
        String library = System.mapLibraryName("onnxruntime");
        try (Stream<Path> files = Files.walk(index.resolve("native"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("under the index folder").contains(library);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
