package dev.footnote.messenger;

/** A webhook request refused: the HTTP status, the error code and a message safe to show the caller. */
public final class WebhookRefused extends RuntimeException {

    private final int status;
    private final String code;

    public WebhookRefused(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
