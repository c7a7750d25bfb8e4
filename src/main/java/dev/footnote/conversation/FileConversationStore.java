package dev.footnote.conversation;

import dev.footnote.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Conversations as files in a folder beside the index, one JSON file a conversation, named by the SHA-256 of its id
 * (ids come from clients and need not be file names). A file is replaced whole and atomically, and its modification
 * time is the conversation's last use, so the folder can be bounded without reading the files. A file that cannot
 * be read is set aside as {@code *.corrupt} and its conversation counts as gone; no other is touched.
 */
public final class FileConversationStore implements ConversationStore {

    private static final String SUFFIX = ".json";

    /** What the store knows of a file without reading it. */
    private record Entry(Instant lastUsed, long size) {
    }

    private final Path dir;
    private final Consumer<String> log;
    private final Map<String, Entry> entries = new HashMap<>();
    private long size;

    /** Opens (and makes) the folder and notes the files in it. */
    public FileConversationStore(Path dir, Consumer<String> log) throws IOException {
        this.dir = dir;
        this.log = log;
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                Entry e = new Entry(Files.getLastModifiedTime(f).toInstant(), Files.size(f));
                entries.put(name, e);
                size += e.size();
            }
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public synchronized Optional<Stored> get(String id) throws IOException {
        String name = fileName(id);
        Path file = dir.resolve(name);
        if (!entries.containsKey(name) && !Files.exists(file)) {
            return Optional.empty();
        }
        Stored stored;
        try {
            stored = Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
        } catch (java.nio.file.NoSuchFileException gone) {
            forget(name);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            setAside(name, e);
            return Optional.empty();
        }
        if (stored == null || !id.equals(stored.id()) || stored.turns().stream()
                .anyMatch(t -> t.question() == null || t.searchQuery() == null || t.answer() == null)) {
            setAside(name, new IOException("it holds another conversation or none"));
            return Optional.empty();
        }
        return Optional.of(stored);
    }

    @Override
    public synchronized void put(Stored conversation) throws IOException {
        String name = fileName(conversation.id());
        Path file = dir.resolve(name);
        Path temp = Files.createTempFile(dir, "conversation-", ".tmp");
        try {
            Files.writeString(temp, Json.write(conversation), StandardCharsets.UTF_8);
            Files.setLastModifiedTime(temp, FileTime.from(conversation.lastUsed()));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forget(name);
        Entry e = new Entry(conversation.lastUsed(), Files.size(file));
        entries.put(name, e);
        size += e.size();
    }

    @Override
    public synchronized boolean delete(String id) throws IOException {
        String name = fileName(id);
        forget(name);
        return Files.deleteIfExists(dir.resolve(name));
    }

    @Override
    public synchronized int prune(Instant idleBefore, int maxCount, long maxSize, String keep) throws IOException {
        String kept = keep == null ? null : fileName(keep);
        List<Map.Entry<String, Entry>> oldestFirst = new ArrayList<>(entries.entrySet());
        oldestFirst.sort(Map.Entry.comparingByValue(
                java.util.Comparator.comparing(Entry::lastUsed).thenComparing(Entry::size)));
        int removed = 0;
        for (Map.Entry<String, Entry> e : oldestFirst) {
            boolean idle = e.getValue().lastUsed().isBefore(idleBefore);
            boolean over = entries.size() > maxCount || size > maxSize;
            if (e.getKey().equals(kept)) {
                continue;
            }
            if (!idle && !over) {
                break;
            }
            forget(e.getKey());
            Files.deleteIfExists(dir.resolve(e.getKey()));
            removed++;
        }
        return removed;
    }

    @Override
    public synchronized int count() {
        return entries.size();
    }

    /** Bytes of the files kept (their text is UTF-8, so about their characters). */
    @Override
    public synchronized long size() {
        return size;
    }

    private void forget(String name) {
        Entry old = entries.remove(name);
        if (old != null) {
            size -= old.size();
        }
    }

    private void setAside(String name, Exception why) throws IOException {
        log.accept("conversation file " + name + " cannot be read (" + why.getMessage()
                + "); it is set aside as " + name + ".corrupt and that conversation starts afresh");
        forget(name);
        Files.move(dir.resolve(name), dir.resolve(name + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
    }

    static String fileName(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20) + SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
