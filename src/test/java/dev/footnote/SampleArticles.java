package dev.footnote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The repository's sample articles, copied where a test may change them. */
public final class SampleArticles {

    /** The committed collection; tests run from the project root. */
    public static final Path FOLDER = Path.of("articles");

    private SampleArticles() {
    }

    /** Copies the five sample articles into {@code dir} (created if needed) and returns it. */
    public static Path copyTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        return dir;
    }
}
