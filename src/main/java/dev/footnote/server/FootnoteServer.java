package dev.footnote.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.footnote.answer.Answer;
import dev.footnote.answer.Fallback;
import dev.footnote.ask.AskService;
import dev.footnote.ask.Library;
import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.corpus.LineClassifier;
import dev.footnote.corpus.Origin;
import dev.footnote.index.BackendSettings;
import dev.footnote.index.BackendStatus;
import dev.footnote.index.BackendUnavailableException;
import dev.footnote.index.FolderWatcher;
import dev.footnote.index.IndexStats;
import dev.footnote.index.WriterStatus;
import dev.footnote.json.Json;
import dev.footnote.messenger.Webhook;
import dev.footnote.messenger.WebhookRefused;
import dev.footnote.model.ModelException;
import dev.footnote.retrieve.SearchHit;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API over one collection: ask, search, article lines and health, all JSON, errors included.
 * Bad input is a 4xx that says what is wrong; nothing a client sends produces a 500 or a stack trace.
 */
public final class FootnoteServer {

    public static final long MAX_BODY_BYTES = 64 * 1024;
    /** What a client is told to wait before asking again when the index's cluster cannot be reached. */
    static final int RETRY_AFTER_SECONDS = 5;
    static final String BACKEND_UNAVAILABLE = "backend_unavailable";
    /** What the client reads; the cluster's address and the cause go to the log, not to the client. */
    static final String BACKEND_MESSAGE = "the index's cluster cannot be reached just now; try again in "
            + RETRY_AFTER_SECONDS + " s";
    static final String BACKEND_SLOW_MESSAGE = "the index's cluster did not answer in time; try again in "
            + RETRY_AFTER_SECONDS + " s";
    private static final Logger LOG = LoggerFactory.getLogger(FootnoteServer.class);

    private final AskService service;
    private final Library library;
    private final LineClassifier classifier = new LineClassifier();
    private final OpenAiEndpoint completions;
    private final List<Webhook> webhooks = new ArrayList<>();
    private final Metrics metrics;
    /** A server embedded without options (tests, benchmarks) takes the defaults but no rate limit. */
    private ServerOptions options = ServerOptions.DEFAULTS.withRate(0, ServerOptions.DEFAULTS.rateBurst());
    private ConcurrencyLimit answers = limit(options);
    private Javalin app;
    private Optional<FeedbackLog> feedbackLog;
    private long feedbackMaxBytes = FeedbackLog.DEFAULT_MAX_BYTES;

    /** @param metrics where requests and answers are counted; the caller wires it to the service and the index */
    public FootnoteServer(AskService service, Library library, Metrics metrics) {
        this.service = service;
        this.library = library;
        this.completions = new OpenAiEndpoint(service);
        this.metrics = metrics;
    }

    /** A server with metrics of its own, wired to {@code service} and {@code library}. */
    public FootnoteServer(AskService service, Library library) {
        this(service, library, Metrics.of(service, library));
    }

    /** Guards the server as {@code options} say. */
    public FootnoteServer with(ServerOptions options) {
        this.options = options;
        this.answers = limit(options);
        return this;
    }

    /**
     * The bound on answers being worked on at once. HTTP routes take it in the guards; Slack and Telegram
     * take the same one, so the bound holds whichever way questions come in.
     */
    public ConcurrencyLimit answers() {
        return answers;
    }

    private static ConcurrencyLimit limit(ServerOptions options) {
        return new ConcurrencyLimit(options.maxConcurrent(), options.maxQueued(), options.queueWaitMillis());
    }

    /** Bounds the feedback file beside the index (64 MB unless told). */
    public FootnoteServer withFeedbackLimit(long maxBytes) {
        this.feedbackMaxBytes = maxBytes;
        this.feedbackLog = null;
        return this;
    }

    /** Mounts a chat service's callbacks (Slack's Events API, Telegram's webhook) at the paths it names. */
    public FootnoteServer withWebhook(Webhook webhook) {
        if (webhook != null) {
            webhooks.add(webhook);
        }
        return this;
    }

    public FootnoteServer start(String host, int port) {
        app = Javalin.create(cfg -> {
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.http.prefer405over404 = true;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonJettyErrors()));
            cfg.staticFiles.add("/public", Location.CLASSPATH);
            Guards.install(cfg, options, metrics, answers);

            cfg.routes.post("/api/ask", this::ask);
            getAndHead(cfg, "/api/search", this::search);
            getAndHead(cfg, "/api/articles", this::articles);
            getAndHead(cfg, "/api/articles/<file>", this::article);
            cfg.routes.post("/api/feedback", this::feedback);
            getAndHead(cfg, "/api/health", this::health);
            cfg.routes.post("/api/reindex", this::reindex);
            cfg.routes.delete("/api/conversations/{id}", this::forgetConversation);
            getAndHead(cfg, "/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));

            cfg.routes.post("/v1/chat/completions", ctx -> completions.complete(ctx, options.heartbeat()));
            getAndHead(cfg, "/v1/models", completions::models);

            for (Webhook hook : webhooks) {
                for (String path : hook.paths()) {
                    cfg.routes.post(path, hook::handle);
                }
            }

            cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
            cfg.routes.exception(WebhookRefused.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
            cfg.routes.exception(ModelException.class, (e, ctx) -> {
                LOG.warn("{} {}: {} ({})", ctx.method(), ctx.path(), e.getMessage(), e.code());
                error(ctx, e.status(), e.code(), e.getMessage());
            });
            cfg.routes.exception(BackendUnavailableException.class, (e, ctx) -> unavailable(ctx, e));
            cfg.routes.exception(UncheckedIOException.class, (e, ctx) -> {
                if (e.getCause() instanceof BackendUnavailableException b) {
                    unavailable(ctx, b);
                } else {
                    LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, 500, "internal_error", "the server could not answer this request");
                }
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
                String allow = e.getDetails().get("availableMethods");
                if (allow != null) {
                    ctx.header("Allow", allow);
                }
                String message = switch (e.getStatus()) {
                    case 404 -> "no such route: " + ctx.method() + " " + ctx.path();
                    case 405 -> "method " + ctx.method() + " is not allowed here";
                    case 413 -> "the request body must be at most " + MAX_BODY_BYTES + " bytes";
                    default -> e.getMessage();
                };
                error(ctx, e.getStatus(), ErrorBody.codeFor(e.getStatus()), message);
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal_error", "the server could not answer this request");
            });
            cfg.routes.error(500, ctx -> {
                String result = ctx.result();
                if (result == null || !result.startsWith("{\"error\"")) {
                    error(ctx, 500, "internal_error", "the server could not answer this request");
                }
            });
        }).start();
        return this;
    }

    /**
     * Javalin answers HEAD for a GET route by itself, with no endpoint matched, so the guards could not tell
     * which route it was and let it through without a key. An explicit HEAD route is judged like its GET.
     */
    private static void getAndHead(JavalinConfig cfg, String path, Handler handler) {
        cfg.routes.get(path, handler);
        cfg.routes.head(path, handler);
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private void ask(Context ctx) throws IOException {
        AskRequest request = AskRequest.parse(ctx.body(), service.limits());
        AskService.Request asked = AskService.Request.of(request.question(), request.topK())
                .withSearchQuery(request.searchQuery()).withFiles(indexed(request.files()))
                .withConversation(request.conversationId());
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            ctx.json(service.ask(asked, null).answer());
            return;
        }
        EventStream events = new EventStream(ctx, options.heartbeat());
        AskService.AnswerStream stream = new AskService.AnswerStream() {
            @Override
            public void text(String segment) throws IOException {
                events.event("delta", Map.of("text", segment));
            }

            @Override
            public void heartbeat() throws IOException {
                events.heartbeat();
            }

            @Override
            public void restart(Fallback why) throws IOException {
                events.event("restart", why);
            }
        };
        streamed(events, () -> {
            Answer answer = service.ask(asked, stream).answer();
            events.event("citations", Map.of("citations", answer.citations()));
            events.event("answer", answer);
        });
    }

    /** Work that streams its result. */
    interface Streaming {
        void run() throws IOException;
    }

    /**
     * Runs streaming work. Before the stream has started, failures go to the usual handlers (a JSON error with
     * its status); after, they end the stream with an {@code error} event. A reader that left ends it quietly.
     */
    static void streamed(EventStream events, Streaming work) throws IOException {
        try {
            work.run();
        } catch (BackendUnavailableException e) {
            if (!events.started()) {
                throw e;
            }
            LOG.warn("the index's cluster was lost during a stream: {}", e.getMessage());
            endWithError(events, ErrorBody.of(BACKEND_UNAVAILABLE, backendMessage(e)));
        } catch (UncheckedIOException e) {
            if (!events.started()) {
                throw e;
            }
            LOG.warn("a stream failed: {}", e.getMessage());
            endWithError(events, e.getCause() instanceof BackendUnavailableException b
                    ? ErrorBody.of(BACKEND_UNAVAILABLE, backendMessage(b))
                    : ErrorBody.of("internal_error", "the server could not finish this answer"));
        } catch (IOException e) {
            if (!events.broken()) {
                throw e;
            }
            LOG.debug("client left during a stream: {}", e.getMessage());
        } catch (ModelException e) {
            if (!events.started()) {
                throw e;
            }
            LOG.warn("{} during a stream: {}", e.code(), e.getMessage());
            endWithError(events, ErrorBody.of(e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            if (!events.started()) {
                throw e;
            }
            LOG.error("a stream failed", e);
            endWithError(events, ErrorBody.of("internal_error", "the server could not finish this answer"));
        }
    }

    private static void endWithError(EventStream events, ErrorBody error) {
        try {
            events.event("error", error);
        } catch (IOException gone) {
            LOG.debug("client left before the error event: {}", gone.getMessage());
        }
    }

    /** A passage as {@code /api/search} shows it. */
    public record SearchResult(String file, int startLine, int endLine, String heading, String text, double score,
            List<Place> alsoIn) {
    }

    public record Place(String file, int startLine, int endLine) {
    }

    public record SearchResponse(String query, List<SearchResult> results, double tookMs) {
    }

    private void search(Context ctx) throws IOException {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw ApiException.invalid("q is required: GET /api/search?q=words&k=10");
        }
        if (q.length() > service.limits().maxQuestionChars()) {
            throw new ApiException(413, "question_too_long",
                    "q must be at most " + service.limits().maxQuestionChars() + " characters");
        }
        int k = intParam(ctx, "k", 10, 1, service.limits().maxTopK());
        long t0 = System.nanoTime();
        List<SearchHit> hits = service.retriever().search(q, k);
        List<SearchResult> results = new ArrayList<>();
        for (SearchHit h : hits) {
            var p = h.passage();
            results.add(new SearchResult(p.file(), p.startLine(), p.endLine(), p.heading(), p.text(),
                    Math.round(h.score() * 1000) / 1000.0,
                    h.folded().stream().map(f -> new Place(f.file(), f.startLine(), f.endLine())).toList()));
        }
        ctx.json(new SearchResponse(q, results, Math.round((System.nanoTime() - t0) / 10_000.0) / 100.0));
    }

    /**
     * One line of an article, and whether it is article text (true) or page chrome; for a document's extracted
     * text, where the line sits in the original (PDF page and line on it, HTML source line, paragraph, chapter).
     */
    public record Line(int number, String text, boolean content,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer page,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer pageLine,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer sourceLine,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer paragraph,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer chapter) {

        static Line of(int number, String text, boolean content, Origin o) {
            return new Line(number, text, content, positive(o.page()), positive(o.pageLine()),
                    positive(o.sourceLine()), positive(o.paragraph()), positive(o.chapter()));
        }

        private static Integer positive(int n) {
            return n > 0 ? n : null;
        }
    }

    /**
     * Lines of an article; {@code format} is {@code text} for .txt and .md, or the document's format (pdf, html,
     * docx, odt, rtf, epub) whose extracted text the lines are, and {@code documentTitle} its metadata title;
     * {@code title} is the article's title as citations give it.
     */
    public record ArticleLines(String file, int lineCount, int start, int end, List<Line> lines, String title,
            String format, @JsonInclude(JsonInclude.Include.NON_EMPTY) String documentTitle) {
    }

    /** The articles an ask may be limited to, all indexed; a name the index does not know is a 400. */
    private Set<String> indexed(List<String> files) throws IOException {
        if (files.isEmpty()) {
            return Set.of();
        }
        Map<String, String> known = library.titles(files);
        List<String> unknown = files.stream().filter(f -> !known.containsKey(f)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("files names articles that are not in the index: "
                    + printable(String.join(", ", unknown.subList(0, Math.min(5, unknown.size()))))
                    + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : ""));
        }
        return new LinkedHashSet<>(files);
    }

    /** The most articles one page of {@code GET /api/articles} lists. */
    public static final int MAX_ARTICLES_PAGE = 200;

    /** The collection, a page at a time, ordered by file name. */
    private void articles(Context ctx) throws IOException {
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", 50, 1, MAX_ARTICLES_PAGE);
        ctx.json(library.articles(offset, limit));
    }

    /** Records a reader's verdict on an answer beside the index (204), and counts it. */
    private void feedback(Context ctx) throws IOException {
        Feedback feedback = Feedback.parse(ctx.body(), service.limits(), Instant.now().toString());
        FeedbackLog log = feedbackLog().orElseThrow(() -> ApiException
                .notFound("this server records no feedback: it has no index folder to keep it in"));
        log.append(feedback);
        metrics.feedback(feedback.verdict());
        ctx.status(204);
    }

    // Synchronized: two first verdicts at once must share one log, or their appends could pass its size bound.
    private synchronized Optional<FeedbackLog> feedbackLog() {
        if (feedbackLog == null) {
            feedbackLog = library.indexFolder()
                    .map(dir -> new FeedbackLog(dir.resolve(FeedbackLog.FILE_NAME), feedbackMaxBytes));
        }
        return feedbackLog;
    }

    private void article(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        if (!ArticleFiles.isSafeName(file)) {
            throw ApiException.invalid("not an article name inside the collection: " + printable(file));
        }
        Article article = library.article(file)
                .orElseThrow(() -> ApiException.notFound("no article named " + printable(file)));
        int count = article.lineCount();
        int start = intParam(ctx, "start", 1, 1, Integer.MAX_VALUE);
        int end = intParam(ctx, "end", count, 1, Integer.MAX_VALUE);
        if (count == 0) {
            ctx.json(new ArticleLines(file, 0, 0, 0, List.of(), title(file), article.layout().format(),
                    article.layout().title()));
            return;
        }
        if (start > count) {
            throw ApiException.invalid("start is past the end of the article (it has " + count + " lines)");
        }
        if (end < start) {
            throw ApiException.invalid("end must not be before start");
        }
        end = Math.min(end, count);
        List<LineClassifier.Kind> kinds = classifier.classify(article.lines());
        List<Line> lines = new ArrayList<>(end - start + 1);
        for (int n = start; n <= end; n++) {
            lines.add(Line.of(n, article.lines().get(n - 1), kinds.get(n - 1) == LineClassifier.Kind.CONTENT,
                    article.layout().origin(n)));
        }
        ctx.json(new ArticleLines(file, count, start, end, lines, title(file), article.layout().format(),
                article.layout().title()));
    }

    /**
     * The server's state; {@code index} (when the folder is watched or can be reindexed) says how fresh it is. With a
     * cluster backend, {@code backend} says whether it can be reached and {@code writer} which process indexes.
     */
    public record Health(String status, int articles, int passages, String updatedAt, String model,
            FolderWatcher.Status index, Backend backend,
            @JsonInclude(JsonInclude.Include.NON_NULL) WriterStatus writer) {
    }

    /**
     * Which backend answers: {@code lucene}, or {@code solr} with its collection and cluster address, and whether it can
     * be reached now ({@code up} or {@code down}, with why).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Backend(String kind, String status, String collection, String zk, String url, String message,
            Integer liveNodes, Integer replicas, Integer replicasActive) {
        static Backend of(BackendSettings settings, BackendStatus now) {
            if (settings.kind() == BackendSettings.Kind.LUCENE) {
                return new Backend("lucene", BackendStatus.UP, null, null, null, null, null, null, null);
            }
            BackendStatus.Replicas r = now == null ? null : now.replicas();
            return new Backend("solr", now == null ? BackendStatus.UP : now.status(), settings.collection(),
                    settings.solrZk(), settings.solrUrl(), now == null ? null : now.message(),
                    r == null ? null : r.liveNodes(), r == null ? null : r.replicas(), r == null ? null : r.active());
        }

        boolean up() {
            return BackendStatus.UP.equals(status);
        }
    }

    /** 200 and {@code "ok"}, or 503 and {@code "unavailable"} while the index's cluster cannot be reached. */
    private void health(Context ctx) throws IOException {
        BackendStatus now = library.backendStatus().orElse(null);
        IndexStats stats;
        try {
            stats = library.stats();
        } catch (BackendUnavailableException e) {
            stats = null;
            if (now == null || now.up()) {
                now = new BackendStatus("solr", BackendStatus.DOWN, library.backend().collection(), e.getMessage());
            }
        }
        Backend backend = Backend.of(library.backend(), now);
        boolean down = !backend.up();
        if (down) {
            ctx.status(503).header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        ctx.json(new Health(down ? "unavailable" : "ok", stats == null ? 0 : stats.articles(),
                stats == null ? 0 : stats.passages(), stats == null ? null : stats.updatedAt(), service.model(),
                library.watcher().map(FolderWatcher::status).orElse(null), backend, library.writer().orElse(null)));
    }

    /** Forgets a conversation kept on the server (204), or says it has none by that id (404). */
    private void forgetConversation(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.isBlank() || id.length() > 100) {
            throw ApiException.invalid("a conversation id is a string of 1 to 100 characters");
        }
        if (!service.conversations().delete(id)) {
            throw ApiException.notFound("no conversation " + printable(id) + " is kept (it may have expired)");
        }
        ctx.status(204);
    }

    public record Reindex(String status) {
    }

    /** Starts a full pass over the folder (202); one already waiting or running is not doubled. */
    private void reindex(Context ctx) {
        FolderWatcher watcher = library.watcher().orElseThrow(
                () -> ApiException.notFound("this server cannot reindex: it was started without its articles folder"));
        ctx.status(202).json(new Reindex(watcher.requestFull() ? "started" : "already_pending"));
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.strip());
            if (v < min || v > max) {
                throw ApiException
                        .invalid(name + " must be from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max));
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name + " must be a whole number");
        }
    }

    private String title(String file) throws IOException {
        return library.titles(List.of(file)).getOrDefault(file, file);
    }

    /** A user-supplied name made safe to echo: control characters shown as '?', length bounded. */
    static String printable(String s) {
        String cleaned = s.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "…" : cleaned;
    }

    /** The index's cluster is lost, perhaps for a moment: 503, try again shortly; the next request tries anew. */
    private static void unavailable(Context ctx, BackendUnavailableException e) {
        LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        error(ctx, 503, BACKEND_UNAVAILABLE, backendMessage(e));
    }

    /** Gone and overloaded are told apart: a user (or operator) waits out the one and looks for the other. */
    static String backendMessage(BackendUnavailableException e) {
        return e.timedOut() ? BACKEND_SLOW_MESSAGE : BACKEND_MESSAGE;
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).json(ErrorBody.of(code, message));
    }

    /** Errors Jetty answers before the application sees the request (bad URIs, huge headers), as JSON. */
    private static final class JsonJettyErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            if (code == 505) { // a request in an HTTP version no server speaks is the client's error
                code = 400;
                message = "unsupported HTTP version";
                response.setStatus(code);
            }
            String text = code >= 500
                    ? "the server could not answer this request"
                    : (message == null ? "bad request" : message);
            String body = Json.write(ErrorBody.of(ErrorBody.codeFor(code), text));
            // Jetty answers these (400, 414, 431) before any handler runs, so the headers are set here too.
            SecurityHeaders.HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }
}
