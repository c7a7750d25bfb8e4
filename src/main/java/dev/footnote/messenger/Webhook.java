package dev.footnote.messenger;

import io.javalin.http.Context;
import java.util.List;

/**
 * A chat service's HTTP callbacks (Slack's Events API, Telegram's webhook): the server mounts them without knowing
 * which service they belong to. A request refused is a {@link WebhookRefused}, answered as a JSON error.
 */
public interface Webhook {

    /** The POST paths this receives; none when the service is reached another way (Socket Mode, long polling). */
    List<String> paths();

    void handle(Context ctx) throws Exception;
}
