package dev.footnote.server;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on answers being worked on at once. A request over the bound waits its turn for at most
 * {@code maxWaitMillis}, behind at most {@code maxQueued} others; then it is turned away (503) rather than
 * adding to a pile that would run the server out of memory.
 */
public final class ConcurrencyLimit {

    private final Semaphore permits;
    private final int maxQueued;
    private final long maxWaitMillis;
    private final AtomicInteger queued = new AtomicInteger();

    public ConcurrencyLimit(int concurrent, int maxQueued, long maxWaitMillis) {
        if (concurrent <= 0) {
            throw new IllegalArgumentException("at least one answer must be allowed at a time");
        }
        this.permits = new Semaphore(concurrent, true);
        this.maxQueued = maxQueued;
        this.maxWaitMillis = maxWaitMillis;
    }

    /** True when the caller may go ahead and must later {@link #release}; false when it was turned away. */
    public boolean acquire() {
        if (permits.tryAcquire()) {
            return true;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return false;
        }
        try {
            return permits.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            queued.decrementAndGet();
        }
    }

    public void release() {
        permits.release();
    }

    public int queued() {
        return queued.get();
    }
}
