package dev.footnote.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code perMinute} requests a minute on average, with bursts of up to
 * {@code burst}. A refused request learns how many seconds until a token is back ({@code Retry-After}).
 * Buckets idle long enough to be full again are forgotten, so the map stays as small as the active clients.
 */
public final class RateLimiter {

    private final double perNano;
    private final double burst;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(int perMinute, int burst) {
        this(perMinute, burst, System::nanoTime);
    }

    RateLimiter(int perMinute, int burst, LongSupplier clock) {
        if (perMinute <= 0 || burst <= 0) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and burst");
        }
        this.perNano = perMinute / 60e9;
        this.burst = burst;
        this.clock = clock;
        this.lastSweep = clock.getAsLong();
    }

    /** 0 when {@code client} may go ahead (and a token is taken), otherwise the seconds to wait. */
    public long acquire(String client) {
        long now = clock.getAsLong();
        sweep(now);
        Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perNano / 1e9));
        }
    }

    /** Gives back a token {@link #acquire} took (the request turned out not to count), up to the burst. */
    public void refund(String client) {
        Bucket b = buckets.get(client);
        if (b != null) {
            synchronized (b) {
                b.tokens = Math.min(burst, b.tokens + 1);
            }
        }
    }

    int clients() {
        return buckets.size();
    }

    private void sweep(long now) {
        if (now - lastSweep < 60_000_000_000L) {
            return;
        }
        lastSweep = now;
        double fullAfter = burst / perNano;
        buckets.entrySet().removeIf(e -> now - e.getValue().at > fullAfter);
    }
}
