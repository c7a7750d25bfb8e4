package dev.footnote.index;

import java.io.IOException;

/**
 * The index's backend cannot be reached just now (a SolrCloud lost, or all replicas of a shard down). It may pass:
 * the server answers 503 with {@code Retry-After} instead of an error, and tries again on the next question.
 */
public final class BackendUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the backend was reached but did not answer in time (a read timeout among the causes): overloaded rather
     * than gone, which users are told apart. A connection that could not be made in time is gone, not slow.
     */
    public boolean timedOut() {
        boolean timeout = false;
        for (Throwable t = getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (t.getClass().getSimpleName().contains("ConnectTimeout") || m.contains("connect timed out")
                    || m.contains("connect timeout") || m.contains("could not connect")) {
                return false;
            }
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.http.HttpTimeoutException || m.contains("timeout")
                    || m.contains("timed out")) {
                timeout = true;
            }
        }
        return timeout;
    }
}
