package dev.footnote.corpus;

/** A document whose text could not be extracted; the message says why in words a user can act on. */
public final class ExtractionException extends Exception {

    private static final long serialVersionUID = 1L;

    public ExtractionException(String message) {
        super(message);
    }

    public ExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
