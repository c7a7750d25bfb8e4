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
     * Whether the backend was reached but did not answer in time (a timeout anywhere in the causes): overloaded
     * rather than gone, which users are told apart.
     */
    public boolean timedOut() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.http.HttpTimeoutException
                    || (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("timeout"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
