package dev.footnote.server;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin calls from browsers: off unless origins are configured. An allowed origin gets its own name
 * back (never {@code *}, since calls carry an API key); a preflight from it is answered here with 204. Other
 * origins get no CORS headers, so the browser keeps the response from the calling page.
 */
public final class Cors {

    private final Set<String> origins;

    public Cors(List<String> origins) {
        this.origins = origins.stream().map(Cors::normalise).collect(Collectors.toUnmodifiableSet());
    }

    public boolean enabled() {
        return !origins.isEmpty();
    }

    /** Adds the headers an allowed origin needs; true when this was a preflight, now fully answered. */
    public boolean handle(Context ctx) {
        String origin = ctx.header("Origin");
        if (origins.isEmpty() || origin == null) {
            return false;
        }
        ctx.header("Vary", "Origin");
        if (!origins.contains(normalise(origin))) {
            return false;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        boolean preflight = ctx.method().name().equals("OPTIONS")
                && ctx.header("Access-Control-Request-Method") != null;
        if (preflight) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept");
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
        }
        return preflight;
    }

    private static String normalise(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
