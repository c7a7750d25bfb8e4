package dev.footnote.index;

import dev.footnote.corpus.ArticleFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Keeps the index in line with the articles folder while the server runs. A thread looks at the folder every
 * {@code pollMillis} (names, sizes and modification times: cheap, and it sees additions, edits, renames and
 * deletions in subfolders alike) and, once changes have stopped arriving for one poll or have waited
 * {@code maxDelayMillis}, brings the index up to date in one pass: a burst of changes is one batch. The same
 * thread runs forced full passes ({@link #requestFull}), so passes never overlap.
 */
public final class FolderWatcher implements Closeable {

    /** What health and metrics show. */
    public record Status(boolean watching, boolean indexing, int pendingChanges, long lagMillis, String lastPass,
            String lastResult) {
    }

    private record Stamp(long size, long modified) {
    }

    private final ArticleFiles files;
    private final Callable<IndexReport> sync;
    private final Consumer<String> log;
    private final long pollMillis;
    private final long maxDelayMillis;
    private final Object lock = new Object();
    private volatile Map<String, Stamp> indexed = Map.of();
    private boolean noted;
    private volatile boolean watching;
    private volatile boolean indexing;
    private volatile int pending;
    private volatile long firstPendingAt;
    private volatile String lastPass = "";
    private volatile String lastResult = "";
    private static final String FAILED = "failed: ";
    private boolean fullRequested;
    private Thread thread;
    private volatile LongConsumer applied = nanos -> {};

    public FolderWatcher(ArticleFiles files, Callable<IndexReport> sync, Consumer<String> log, long pollMillis,
            long maxDelayMillis) {
        this.files = files;
        this.sync = sync;
        this.log = log;
        this.pollMillis = pollMillis;
        this.maxDelayMillis = maxDelayMillis;
    }

    /**
     * Notes the folder as it is before the start-up pass. Taken then, a file edited while that pass reads it
     * differs from its note and is indexed again by the first watch; taken after, it would pass for indexed.
     */
    public FolderWatcher snapshot() throws IOException {
        indexed = scan();
        noted = true;
        return this;
    }

    /** Starts watching from the {@link #snapshot()} (or, without one, from the folder as it is now). */
    public FolderWatcher start(boolean watch) throws IOException {
        if (!noted) {
            indexed = scan();
        }
        watching = watch;
        thread = new Thread(this::run, "footnote-folder-watcher");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Whether a file is on disk as it was when last indexed (same size and modification time): false for a file
     * deleted, renamed, changed or swapped for a link out of the folder since, until the next pass. A few
     * microseconds: one look at the file and its real path.
     */
    public boolean isCurrent(String file) {
        Stamp known = indexed.get(file);
        if (known == null) {
            return false;
        }
        Path path = files.root().resolve(file);
        try {
            // A file swapped for a link out of the folder is no longer part of the collection.
            return files.belongs(path)
                    && known.equals(new Stamp(Files.size(path), Files.getLastModifiedTime(path).toMillis()));
        } catch (IOException e) {
            return false;
        }
    }

    /** Called with the nanoseconds from a change being seen to its being searchable. */
    public void onApplied(LongConsumer consumer) {
        this.applied = Objects.requireNonNull(consumer);
    }

    /** Asks for a full pass soon; false when one is already waiting or running. */
    public boolean requestFull() {
        synchronized (lock) {
            if (fullRequested) {
                return false;
            }
            fullRequested = true;
            lock.notifyAll();
            return true;
        }
    }

    public Status status() {
        long first = firstPendingAt;
        long lag = pending == 0 || first == 0 ? 0 : (System.nanoTime() - first) / 1_000_000;
        return new Status(watching, indexing, pending, lag, lastPass, lastResult);
    }

    private void run() {
        long quietSince = 0;
        int lastCount = 0;
        while (!Thread.currentThread().isInterrupted()) {
            boolean full;
            synchronized (lock) {
                try {
                    if (!fullRequested) {
                        lock.wait(pollMillis);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                full = fullRequested;
            }
            try {
                Map<String, Stamp> now = scan();
                if (lastResult.startsWith(FAILED)) {
                    full = true; // readable again after a failure: check everything, and say how it went
                }
                int changed = watching || full ? differences(indexed, now) : 0;
                if (changed > 0 && pending == 0) {
                    firstPendingAt = System.nanoTime();
                }
                pending = changed;
                if (changed != lastCount) {
                    lastCount = changed;
                    quietSince = System.nanoTime();
                }
                long waited = changed == 0 ? 0 : (System.nanoTime() - firstPendingAt) / 1_000_000;
                boolean settled = changed > 0 && (System.nanoTime() - quietSince) / 1_000_000 >= pollMillis;
                if (full || settled || waited >= maxDelayMillis) {
                    pass(now, full);
                    lastCount = 0;
                }
            } catch (IOException | RuntimeException e) {
                String result = FAILED + e.getMessage();
                if (!result.equals(lastResult)) { // once, not at every poll while it lasts
                    log.accept("watching the articles failed: " + e.getMessage());
                }
                lastResult = result;
            }
        }
    }

    private void pass(Map<String, Stamp> seen, boolean full) {
        long since = firstPendingAt;
        indexing = true;
        try {
            IndexReport report = sync.call();
            indexed = seen;
            if (pending > 0 && since != 0) {
                applied.accept(System.nanoTime() - since);
            }
            pending = 0;
            firstPendingAt = 0;
            lastPass = Instant.now().toString();
            lastResult = report == null ? "skipped: another process is writing the index" : report.summary();
            if (report != null && (full || report.changedAnything())) {
                log.accept((full ? "reindexed: " : "folder changed: ") + report.summary());
            }
        } catch (Exception e) {
            lastResult = FAILED + e.getMessage();
            log.accept("updating the index failed: " + e.getMessage());
        } finally {
            indexing = false;
            if (full) {
                synchronized (lock) {
                    fullRequested = false;
                }
            }
        }
    }

    private Map<String, Stamp> scan() throws IOException {
        Map<String, Stamp> stamps = new HashMap<>();
        for (var e : files.list().entrySet()) {
            try {
                stamps.put(e.getKey(), new Stamp(Files.size(e.getValue()),
                        Files.getLastModifiedTime(e.getValue()).toMillis()));
            } catch (IOException gone) {
                // deleted between listing and looking: it counts as gone
            }
        }
        return stamps;
    }

    private static int differences(Map<String, Stamp> before, Map<String, Stamp> after) {
        int n = 0;
        for (var e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                n++;
            }
        }
        for (String f : before.keySet()) {
            if (!after.containsKey(f)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For tests: the folder's root. */
    Path root() {
        return files.root();
    }
}
