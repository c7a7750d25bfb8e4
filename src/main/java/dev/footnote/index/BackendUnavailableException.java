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
}
