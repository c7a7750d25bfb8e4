package dev.footnote.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Set;

/**
 * The checks around every request, in order: timing, security headers, CORS and then, once a route matched, API
 * key, rate limit and, for routes that answer, the bound on concurrent work; afterwards the permit is returned, the request counted and
 * logged. A refused request gets the usual JSON error (401, 429 with {@code Retry-After}, 503).
 */
public final class Guards {

    private static final String T0 = "footnote.t0";
    private static final String CLIENT = "footnote.client";
    private static final String PERMIT = "footnote.permit";
    /** Routes whose work is bounded: they retrieve, and most of them answer. */
    private static final Set<String> WORK = Set.of("POST /api/ask", "POST /v1/chat/completions", "GET /api/search",
            "HEAD /api/search");
    /** Failed authentications an address may make at once, and again per minute, before it gets 429. */
    static final int FAILED_KEYS_BURST = 20;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final ServerOptions options;
    private final Metrics metrics;
    private final Cors cors;
    private final RateLimiter rates;
    /** Failed authentications per address, counted even where no rate limit is set, so keys cannot be guessed fast. */
    private final RateLimiter failedKeys = new RateLimiter(FAILED_KEYS_BURST, FAILED_KEYS_BURST);
    private final ConcurrencyLimit work;
    private final AccessLog access;

    private Guards(ServerOptions options, Metrics metrics, ConcurrencyLimit work) {
        this.options = options;
        this.metrics = metrics;
        this.cors = new Cors(options.corsOrigins());
        this.rates = options.ratePerMinute() > 0 ? new RateLimiter(options.ratePerMinute(), options.rateBurst()) : null;
        this.work = work;
        this.access = new AccessLog(options.logQuestions());
    }

    /**
     * Registers the before and after handlers on {@code cfg}.
     *
     * @param work the bound on concurrent answers, shared with every other channel that answers
     */
    public static void install(JavalinConfig cfg, ServerOptions options, Metrics metrics, ConcurrencyLimit work) {
        Guards g = new Guards(options, metrics, work);
        cfg.routes.before(g::before);
        cfg.routes.beforeMatched(g::admit);
        cfg.routes.after(g::after);
        // A body cut short or malformed at the HTTP level (a chunked body without its end) is the client's error.
        cfg.routes.exception(java.io.EOFException.class, (e, ctx) -> ctx.status(400)
                .json(ErrorBody.of("invalid_request", "the request body ended early")));
        // A message Jetty could not read: Jetty 12.1 throws HttpException.RuntimeException for it, or in the servlet
        // layer still its deprecated subclass BadMessageException.
        cfg.routes.exception(org.eclipse.jetty.http.HttpException.RuntimeException.class, (e, ctx) -> ctx.status(400)
                .json(ErrorBody.of("invalid_request", "the request body could not be read")));
    }

    private void before(Context ctx) {
        ctx.attribute(T0, System.nanoTime());
        ctx.attribute(CLIENT, ctx.ip());
        SecurityHeaders.apply(ctx);
        if (cors.handle(ctx)) {
            ctx.skipRemainingHandlers();
        }
    }

    /** Runs once the route is known (so it is counted and logged by its template); unmatched paths get 404. */
    private void admit(Context ctx) {
        // Classify by the route that matched, never by the raw path: routing forgives a trailing slash
        // ("/metrics/" reaches /metrics), so the raw path would let such a request past the key and the limits.
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched == null) {
            return;
        }
        String path = matched.path;
        if (!(path.startsWith("/api/") || path.startsWith("/v1/") || path.equals("/metrics"))) {
            return;
        }
        if (options.keys().enabled()) {
            // Every attempt takes from the address's budget first, and a right key gives it back: requests sent
            // together cannot all slip under the budget, and while an address is over it no key it sends is
            // checked, so no guess can be confirmed.
            long wait = failedKeys.acquire(ctx.ip());
            if (wait > 0) {
                metrics.rejected("too_many_failed_keys");
                ctx.header("Retry-After", Long.toString(wait));
                throw new ApiException(429, "too_many_failed_keys",
                        "too many requests with a wrong API key from this address: try again in " + wait + " s");
            }
            int key = options.keys().match(ctx.header("Authorization"));
            if (key != 0) {
                failedKeys.refund(ctx.ip());
            } else {
                metrics.rejected("unauthorized");
                ctx.header("WWW-Authenticate", "Bearer realm=\"footnote\"");
                throw new ApiException(401, "unauthorized",
                        "this server needs an API key: send Authorization: Bearer <key>");
            }
            ctx.attribute(CLIENT, "key#" + key);
        }
        if (rates != null) {
            long wait = rates.acquire(ctx.attribute(CLIENT));
            if (wait > 0) {
                metrics.rejected("rate_limited");
                ctx.header("Retry-After", Long.toString(wait));
                throw new ApiException(429, "rate_limited", "too many requests: try again in " + wait + " s");
            }
        }
        if (WORK.contains(method(ctx) + " " + path)) {
            if (!work.acquire()) {
                metrics.rejected("overloaded");
                ctx.header("Retry-After", "1");
                throw new ApiException(503, "overloaded", "the server is busy answering others: try again shortly");
            }
            ctx.attribute(PERMIT, true);
        }
    }

    private void after(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(PERMIT))) {
            ctx.attribute(PERMIT, false);
            work.release();
        }
        Long t0 = ctx.attribute(T0);
        long nanos = t0 == null ? 0 : System.nanoTime() - t0;
        String route = route(ctx);
        metrics.request(method(ctx), route, ctx.statusCode(), nanos);
        String client = ctx.attribute(CLIENT);
        access.log(ctx, route, nanos, client == null ? "?" : client);
    }

    /** The route's template, or a fixed word for requests no route matched: never raw user text. */
    static String route(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched != null) {
            return matched.path;
        }
        return ctx.statusCode() < 400 ? "static" : "unmatched";
    }

    static String method(Context ctx) {
        String m = ctx.method().name();
        return METHODS.contains(m) ? m : "OTHER";
    }
}
