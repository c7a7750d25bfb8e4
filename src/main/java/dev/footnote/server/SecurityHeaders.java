package dev.footnote.server;

import io.javalin.http.Context;

/**
 * Headers every response carries. The page loads its script, style and data from its own origin only and has
 * no inline code, so the policy allows nothing else; it may not be framed, and types are not sniffed.
 */
public final class SecurityHeaders {

    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    public static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    }
}
