package dev.footnote.corpus;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.util.EnumSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.SortedMap;

/**
 * The article files of a collection folder: {@code .txt} and {@code .md}, recursively, hidden files and
 * folders skipped. Names are paths relative to the root with '/' separators; they are what citations show.
 */
public final class ArticleFiles {

    private final Path root;

    public ArticleFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Every article file, by name, in name order. */
    public SortedMap<String, Path> list() throws IOException {
        SortedMap<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            throw new IOException("articles folder not found: " + root);
        }
        // Links are followed (the JDK detects cycles); a name that could not be cited safely is skipped.
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isArticle(file) && !isHidden(file) && isSafeName(nameOf(file))) {
                    files.put(nameOf(file), file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    return FileVisitResult.CONTINUE; // a link back up the tree: its files are listed already
                }
                if (file.equals(root) || Files.isDirectory(file)) {
                    // A folder that cannot be listed must fail the pass: listing it as empty would look like
                    // its articles were deleted, and indexing would remove them.
                    throw new IOException("cannot read the folder " + file + ": " + e.getMessage(), e);
                }
                // An unreadable file is skipped here and reported when indexing tries to read it.
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    public String nameOf(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /**
     * The path of a user-supplied article name, if it names a file inside the collection. Absolute names,
     * '..' segments, backslashes and control characters are refused rather than normalised away.
     */
    public Optional<Path> resolve(String name) {
        if (!isSafeName(name)) {
            return Optional.empty();
        }
        Path path = root.resolve(name).normalize();
        return path.startsWith(root) ? Optional.of(path) : Optional.empty();
    }

    /** Whether a name is a plain relative path: no '..' or '.' segments, not absolute, no odd characters. */
    public static boolean isSafeName(String name) {
        if (name == null || name.isEmpty() || name.length() > 1024 || name.startsWith("/") || name.contains("\\")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ':') {
                return false;
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    static boolean isArticle(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".txt") || name.endsWith(".md");
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
