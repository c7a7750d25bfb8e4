package dev.footnote.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.json.Json;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@code footnote.access} logger, as {@code key=value} pairs: method, route (the
 * route's template, so no user text), status, duration, client (address, or the key's position, never the key
 * itself). The question is shown only when enabled, JSON-quoted so it cannot forge a line.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("footnote.access");

    private final boolean questions;

    public AccessLog(boolean questions) {
        this.questions = questions;
    }

    public void log(Context ctx, String route, long nanos, String client) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder(160);
        line.append("method=").append(Guards.method(ctx))
                .append(" route=").append(route)
                .append(" status=").append(ctx.statusCode())
                .append(" ms=").append(String.format("%.1f", nanos / 1e6))
                .append(" client=").append(client);
        if (questions && ctx.method().name().equals("POST") && route.equals("/api/ask")) {
            line.append(" question=").append(question(ctx));
        }
        LOG.info(line.toString());
    }

    private static String question(Context ctx) {
        try {
            JsonNode q = Json.MAPPER.readTree(ctx.body()).get("question");
            String text = q == null || !q.isTextual() ? "" : q.asText();
            return Json.write(text.length() > 300 ? text.substring(0, 300) + "…" : text);
        } catch (Exception e) {
            return "\"\"";
        }
    }
}
