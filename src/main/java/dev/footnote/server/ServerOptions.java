package dev.footnote.server;

import java.util.List;

/**
 * How a server guards itself: who may call the API, how fast, how many answers at once, which other origins
 * may call it from a browser, and whether the access log may show questions.
 *
 * @param ratePerMinute   requests a minute per client on {@code /api/*}, {@code /v1/*} and {@code /metrics}; 0 for no
 *                        limit (the default here; {@code serve} sets 300)
 * @param rateBurst       requests a client may make at once before the rate applies
 * @param maxConcurrent   answers (and searches) worked on at once
 * @param maxQueued       requests that may wait for a turn; more are turned away at once
 * @param queueWaitMillis how long a request waits for a turn before it is turned away (503)
 * @param corsOrigins     origins allowed to call the API from a browser; empty for none (CORS off)
 * @param logQuestions    whether the access log shows the question text
 */
public record ServerOptions(ApiKeys keys, int ratePerMinute, int rateBurst, int maxConcurrent, int maxQueued,
                            long queueWaitMillis, List<String> corsOrigins, boolean logQuestions) {

    public static final ServerOptions DEFAULTS = new ServerOptions(ApiKeys.none(), 0, 60, 16, 64, 5000, List.of(), false);

    public ServerOptions {
        corsOrigins = List.copyOf(corsOrigins);
    }
}
