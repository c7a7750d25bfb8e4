package dev.footnote.index.solr;

import dev.footnote.index.BackendUnavailableException;
import dev.footnote.index.WriterStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;

/**
 * The right to write the cluster's collection, held by one process at a time: a document in the
 * {@link StateCollection} naming its owner (host, process id and a random instance id) and when the lease expires.
 * It is taken and renewed with Solr's optimistic concurrency: a {@code _version_} of -1 creates the document only if
 * there is none, the exact version last read replaces it only if no one wrote it since; anything else is a 409, and
 * someone else has it. An expired lease (its owner died or lost the cluster) is taken the same way, by replacing the
 * version read. The holder renews it on a background thread every third of the lease time, so it stays its own
 * through two failed renewals, and deletes it on a clean close so that another process takes over at once; the
 * others look again at each third of the lease time and just after the expiry they last read.
 *
 * <p>Expiry is the holder's wall clock as written; the others compare it with theirs, so the servers' clocks should
 * agree (NTP) to well within the lease time.
 */
public final class WriterLease implements AutoCloseable {

    static final String ID = "lease:writer";
    private static final int CONFLICT = 409;

    /** A holder as the lease document names it. */
    public record Holder(String owner, Instant acquiredAt, Instant expiresAt, long version) {
    }

    private final StateCollection state;
    private final Duration time;
    private final Clock clock;
    private final Consumer<String> log;
    private final String host;
    private final long pid;
    private final String instance;
    private final String owner;
    /** The lease as this process last wrote it, while it holds it; null otherwise. */
    private volatile Holder held;
    /** The holder last seen, this process or another. */
    private volatile Holder seen;
    private volatile String lastProblem = "";
    /** Whether the last tick found this process the writer, to log each change once. */
    private volatile boolean writer;
    private ScheduledExecutorService renewer;

    public WriterLease(StateCollection state, Duration time, Clock clock, Consumer<String> log) {
        if (time.toMillis() < 1000) {
            throw new IllegalArgumentException("the writer lease must last at least a second, not " + time);
        }
        this.state = state;
        this.time = time;
        this.clock = clock;
        this.log = log;
        this.host = hostName();
        this.pid = ProcessHandle.current().pid();
        this.instance = UUID.randomUUID().toString().substring(0, 8);
        this.owner = pid + "@" + host + "/" + instance;
    }

    /** This process's name in the lease: {@code pid@host/instance}. */
    public String owner() {
        return owner;
    }

    public Duration time() {
        return time;
    }

    /**
     * Takes the lease when it is free or expired, renews it when this process holds it; false when another
     * process holds it. A failure to reach the cluster is a {@link BackendUnavailableException}; the lease then
     * stays this process's only until its expiry passes.
     */
    public synchronized boolean tryAcquire() throws BackendUnavailableException {
        SolrDocument doc = state.get(ID);
        Instant now = clock.instant();
        if (doc == null) {
            return write(-1L, now, now);
        }
        Holder current = holder(doc);
        seen = current;
        boolean mine = instance.equals(doc.getFieldValue("instance"));
        if (mine) {
            return write(current.version(), current.acquiredAt(), now);
        }
        if (current.expiresAt().isBefore(now)) {
            log.accept("the writer lease of " + current.owner() + " expired at " + current.expiresAt()
                    + "; taking it over");
            return write(current.version(), now, now);
        }
        held = null;
        return false;
    }

    /** Whether this process holds the lease now: it wrote it and its expiry has not passed. */
    public boolean holds() {
        Holder h = held;
        return h != null && clock.instant().isBefore(h.expiresAt());
    }

    /** The holder last seen (this process or another); empty before the first look or when no one holds it. */
    public Optional<Holder> holder() {
        return Optional.ofNullable(seen);
    }

    /** Who writes, as health shows it. */
    public WriterStatus status() {
        Holder h = seen;
        if (h == null || h.expiresAt().isBefore(clock.instant())) {
            return new WriterStatus(null, false, null);
        }
        return new WriterStatus(h.owner(), h.owner().equals(owner) && holds(), h.expiresAt().toString());
    }

    /**
     * Keeps trying on a background thread every third of the lease time: renews the lease while this process holds
     * it, takes it when it is free or expired. {@code acquired} runs (on that thread) each time this process
     * becomes the writer after not being it, so it can index what changed meanwhile.
     */
    public synchronized WriterLease start(Runnable acquired) {
        if (renewer != null) {
            return this;
        }
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "footnote-writer-lease");
            t.setDaemon(true);
            return t;
        });
        next(renewer, acquired);
        return this;
    }

    /**
     * The next tick: a third of the lease time on, or, for a process waiting on another's lease, just after that
     * lease's expiry if sooner, so that a dead writer's successor takes over within one lease time of its last renewal.
     */
    private void next(ScheduledExecutorService on, Runnable acquired) {
        long delay = Math.max(100, time.toMillis() / 3);
        Holder other = seen;
        long untilExpiry = other == null ? -1 : other.expiresAt().toEpochMilli() - clock.millis() + 50;
        if (!holds() && untilExpiry > 0) { // an expiry passed already is no reason to hurry: the cluster is down
            delay = Math.max(50, Math.min(delay, untilExpiry));
        }
        try {
            var unused = on.schedule(() -> {
                tick(acquired);
                next(on, acquired);
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed meanwhile: no more ticks
        }
    }

    private void tick(Runnable acquired) {
        boolean before = writer || holds();
        try {
            boolean now = tryAcquire();
            writer = now;
            lastProblem = "";
            if (now && !before) {
                log.accept("this process (" + owner + ") is now the writer");
                acquired.run();
            } else if (!now && before) {
                log.accept("lost the writer lease to " + holder().map(Holder::owner).orElse("another process"));
            }
        } catch (BackendUnavailableException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastProblem)) { // once, not at every tick while it lasts
                log.accept("the writer lease could not be renewed: " + e.getMessage());
            }
            lastProblem = String.valueOf(e.getMessage());
            if (before && !holds()) {
                writer = false;
                log.accept("the writer lease expired while the cluster could not be reached; this process no longer "
                        + "writes until it takes the lease again");
            }
        }
    }

    /** Gives the lease up, if this process holds it, so another can take it at once. */
    public synchronized void release() {
        Holder h = held;
        held = null;
        if (h == null) {
            return;
        }
        try {
            SolrDocument doc = state.get(ID);
            if (doc == null || !instance.equals(doc.getFieldValue("instance"))) {
                return;
            }
            new UpdateRequest().deleteById(ID, (Long) doc.getFieldValue("_version_")).process(state.client(),
                    state.name());
            seen = null;
        } catch (SolrServerException | IOException | SolrException e) {
            if (StateCollection.status(e) != CONFLICT) {
                log.accept("the writer lease could not be released (" + SolrCollections.rootMessage(e)
                        + "); it expires by itself within " + time.toSeconds() + " s");
            }
        }
    }

    /**
     * Writes this process as the holder over {@code version} (-1: only if there is none); false when another
     * process wrote first.
     */
    private boolean write(long version, Instant acquiredAt, Instant now) throws BackendUnavailableException {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField("id", ID);
        doc.setField(StateCollection.KIND, "lease");
        doc.setField("owner", owner);
        doc.setField("host", host);
        doc.setField("pid", pid);
        doc.setField("instance", instance);
        doc.setField("acquired_at", acquiredAt.toEpochMilli());
        doc.setField("expires_at", now.plus(time).toEpochMilli());
        doc.setField("_version_", version);
        try {
            new UpdateRequest().add(doc).process(state.client(), state.name());
        } catch (SolrServerException | IOException | SolrException e) {
            if (StateCollection.status(e) == CONFLICT) {
                held = null;
                SolrDocument other = state.get(ID);
                seen = other == null ? null : holder(other);
                return false;
            }
            throw state.unavailable("writing the writer lease", e);
        }
        // The version is the cluster's: read back what was written, for the next renewal.
        SolrDocument written = state.get(ID);
        if (written == null || !instance.equals(written.getFieldValue("instance"))) {
            held = null;
            seen = written == null ? null : holder(written);
            return false;
        }
        Holder h = holder(written);
        held = h;
        seen = h;
        return true;
    }

    private static Holder holder(SolrDocument doc) {
        return new Holder(String.valueOf(doc.getFieldValue("owner")),
                Instant.ofEpochMilli(((Number) doc.getFieldValue("acquired_at")).longValue()),
                Instant.ofEpochMilli(((Number) doc.getFieldValue("expires_at")).longValue()),
                ((Number) doc.getFieldValue("_version_")).longValue());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** Stops renewing and gives the lease up. */
    @Override
    public void close() {
        ScheduledExecutorService r;
        synchronized (this) {
            r = renewer;
            renewer = null;
        }
        if (r != null) {
            r.shutdownNow();
            try {
                r.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        release();
    }
}
