package dev.footnote.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The article files of a collection folder: {@code .txt} and {@code .md}, and the documents whose text is
 * extracted ({@code .html}, {@code .htm}, {@code .pdf}, {@code .docx}, {@code .odt}, {@code .rtf}, {@code .epub}),
 * recursively, hidden files and folders skipped. Names are paths relative to the root with '/' separators; they are what citations show.
 *
 * <p>A file or folder belongs to the collection only if its real path (links resolved) lies inside the real path
 * of the root: a link to {@code /etc/passwd} or {@code /proc/self/environ} would otherwise be indexed, served and
 * cited. Links that stay inside keep working. What is skipped is said once per name, not at every pass.
 */
public final class ArticleFiles {

    private final Path root;
    private final Consumer<String> log;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    /** The root's real path as the last listing found it; a read or a freshness check needs no new look. */
    private volatile Path realRoot;

    public ArticleFiles(Path root) {
        this(root, line -> {});
    }

    /** {@code log} hears, once per name, of each link that leads out of the folder or cannot be resolved. */
    public ArticleFiles(Path root, Consumer<String> log) {
        this.root = root.toAbsolutePath().normalize();
        this.log = log;
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
        Path realRoot = root.toRealPath();
        this.realRoot = realRoot;
        // Links are followed (the JDK detects cycles) as long as they stay inside; a name that could not be cited
        // safely is skipped.
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (dir.equals(root)) {
                            return FileVisitResult.CONTINUE;
                        }
                        return isHidden(dir) || !admitted(dir, realRoot, false)
                                ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isSymbolicLink()) {
                            // The walk hands over a link itself only when it could not follow it: dangling, or a loop.
                            warnOnce(file, "it is a link that leads nowhere (missing target or a loop)");
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isRegularFile() && isArticle(file) && !isHidden(file) && isSafeName(nameOf(file))
                                && admitted(file, realRoot, true)) {
                            files.put(nameOf(file), file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException) {
                            return FileVisitResult.CONTINUE; // a link back up the tree: its files are listed already
                        }
                        // The walk opens a folder before asking about it, so a link out to a folder that cannot be
                        // read arrives here: it is skipped with its one line, like any other link out.
                        if (!file.equals(root) && Files.isSymbolicLink(file)
                                && !admitted(file, realRoot, !Files.isDirectory(file))) {
                            return FileVisitResult.CONTINUE;
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

    /**
     * Reads an article's bytes, once more making sure that its real path belongs to the collection: a file can be
     * swapped for a link between the listing and the read. A file that no longer belongs is an IOException.
     */
    public byte[] read(Path file) throws IOException {
        Path real = file.toRealPath();
        String why = whyNot(real, realRoot(), true);
        if (why != null) {
            warnOnce(file, why);
            throw new IOException(why);
        }
        // NOFOLLOW_LINKS refuses a file swapped for a link since; a folder on the way swapped in the same instant
        // is not caught here, and the next pass drops what it let through.
        try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
            return in.readAllBytes();
        }
    }

    /** Whether a file, links resolved, is still part of the collection (false when it is gone). */
    public boolean belongs(Path file) {
        try {
            return whyNot(file.toRealPath(), realRoot(), true) == null;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private Path realRoot() throws IOException {
        Path r = realRoot;
        return r != null ? r : root.toRealPath();
    }

    /** Whether {@code path} (a link, perhaps) belongs to the collection; if not, says why once. */
    private boolean admitted(Path path, Path realRoot, boolean file) {
        String why;
        try {
            why = whyNot(path.toRealPath(), realRoot, file);
        } catch (IOException | SecurityException e) {
            why = "its real path cannot be found (" + e.getMessage() + ")";
        }
        if (why != null) {
            warnOnce(path, why);
        }
        return why == null;
    }

    /**
     * Why a real path is not part of the collection, or null when it is: it must lie inside the real root, and
     * the rules for names hold for where a link leads as for the link (no hidden part, an article's ending).
     */
    private static String whyNot(Path real, Path realRoot, boolean file) {
        if (!real.startsWith(realRoot)) {
            return "it leads outside the articles folder";
        }
        for (Path part : realRoot.relativize(real)) {
            if (part.toString().startsWith(".")) {
                return "it leads to a hidden file or folder";
            }
        }
        if (file && !real.equals(realRoot) && !isArticle(real)) {
            return "it leads to a file that is not an article (.txt, .md, or a document Footnote reads)";
        }
        return null;
    }

    private void warnOnce(Path path, String why) {
        String name = nameOf(path);
        if (warned.add(name)) {
            log.accept("skipped " + name + ": " + why);
        }
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

    /** Whether {@code name} is read as plain text (.txt, .md): its lines are the file's, with no origin to give. */
    public static boolean isPlainText(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".txt") || lower.endsWith(".md");
    }

    static boolean isArticle(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".txt") || name.endsWith(".md") || DocumentParser.formatOf(name) != null;
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
