package dev.footnote.server;

import java.time.Duration;
import java.util.List;

/**
 * How a server guards itself: who may call the API, how fast, how many answers at once, which other origins
 * may call it from a browser, whether the access log may show questions, and how soon a quiet stream checks
 * that its reader is still there.
 *
 * @param ratePerMinute   requests a minute per client on {@code /api/*}, {@code /v1/*} and {@code /metrics}; 0 for no
 *                        limit
 * @param rateBurst       requests a client may make at once before the rate applies
 * @param maxConcurrent   answers (and searches) worked on at once
 * @param maxQueued       requests that may wait for a turn; more are turned away at once
 * @param queueWaitMillis how long a request waits for a turn before it is turned away (503)
 * @param corsOrigins     origins allowed to call the API from a browser; empty for none (CORS off)
 * @param logQuestions    whether the access log shows the question text
 * @param heartbeatMillis how long a streamed answer may send nothing before a comment line goes out; writing is
 *                        how a reader that has left is noticed, and its model call closed
 */
public record ServerOptions(ApiKeys keys, int ratePerMinute, int rateBurst, int maxConcurrent, int maxQueued,
        long queueWaitMillis, List<String> corsOrigins, boolean logQuestions,
        long heartbeatMillis) {

    /** What {@code serve} uses unless told otherwise: every default of these settings, stated once. */
    public static final ServerOptions DEFAULTS = new ServerOptions(ApiKeys.none(), 300, 60, 16, 64, 5000, List.of(),
            false, 5000);

    public ServerOptions {
        corsOrigins = List.copyOf(corsOrigins);
        if (ratePerMinute < 0 || rateBurst < 1 || maxConcurrent < 1 || maxQueued < 0 || queueWaitMillis < 0) {
            throw new IllegalArgumentException("rate, burst, concurrency, queue and wait must not be negative, "
                    + "and burst and concurrency at least 1");
        }
        if (heartbeatMillis <= 0) {
            throw new IllegalArgumentException("the heartbeat interval must be positive");
        }
    }

    public ServerOptions withKeys(ApiKeys keys) {
        return new ServerOptions(keys, ratePerMinute, rateBurst, maxConcurrent, maxQueued, queueWaitMillis, corsOrigins,
                logQuestions, heartbeatMillis);
    }

    /** Requests a minute per client and the burst before it applies; 0 a minute for no limit. */
    public ServerOptions withRate(int ratePerMinute, int rateBurst) {
        return new ServerOptions(keys, ratePerMinute, rateBurst, maxConcurrent, maxQueued, queueWaitMillis, corsOrigins,
                logQuestions, heartbeatMillis);
    }

    public ServerOptions withConcurrency(int maxConcurrent, int maxQueued, long queueWaitMillis) {
        return new ServerOptions(keys, ratePerMinute, rateBurst, maxConcurrent, maxQueued, queueWaitMillis, corsOrigins,
                logQuestions, heartbeatMillis);
    }

    public ServerOptions withCorsOrigins(List<String> corsOrigins) {
        return new ServerOptions(keys, ratePerMinute, rateBurst, maxConcurrent, maxQueued, queueWaitMillis, corsOrigins,
                logQuestions, heartbeatMillis);
    }

    public ServerOptions withLogQuestions(boolean logQuestions) {
        return new ServerOptions(keys, ratePerMinute, rateBurst, maxConcurrent, maxQueued, queueWaitMillis, corsOrigins,
                logQuestions, heartbeatMillis);
    }

    public ServerOptions withHeartbeatMillis(long millis) {
        return new ServerOptions(keys, ratePerMinute, rateBurst, maxConcurrent, maxQueued, queueWaitMillis, corsOrigins,
                logQuestions, millis);
    }

    public Duration heartbeat() {
        return Duration.ofMillis(heartbeatMillis);
    }
}
