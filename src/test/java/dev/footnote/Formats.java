package dev.footnote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample articles in other formats (eval/formats, made by eval/formats/make.py): each article as the web page
 * of its site, that page printed to PDF by Chromium, and the article alone as DOCX, ODT, RTF and EPUB.
 */
public final class Formats {

    public static final Path FOLDER = Path.of("eval", "formats");
    /** The names of the sample articles, without their ending. */
    public static final List<String> NAMES = List.of("000_ee4c0ed1b0960cbf", "001_3cabf72616562acd",
            "002_e3a4d9be1fd088d4", "003_f221ba18038d1787", "004_8ee1bc03666afbd8");
    /** Real-world documents of a Debian documentation package that .ci/run installs (debian-reference-en). */
    public static final Path DEBIAN_REFERENCE = Path.of("/usr/share/debian-reference");

    private Formats() {
    }

    /** The sample article {@code name} in {@code format} ("html", "pdf", "docx", "odt", "rtf", "epub"). */
    public static Path file(String format, String name) {
        return FOLDER.resolve(format).resolve(name + "." + format);
    }

    /** Copies one format's versions of the sample articles into {@code dir} (created if needed). */
    public static Path copyTo(String format, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(FOLDER.resolve(format))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        return dir;
    }
}
