package dev.footnote.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.socket_mode.SocketModeClient;
import dev.footnote.answer.Answer;
import dev.footnote.ask.Asker;
import dev.footnote.json.Json;
import dev.footnote.messenger.Retry;
import dev.footnote.messenger.Seen;
import dev.footnote.messenger.Webhook;
import dev.footnote.messenger.WebhookRefused;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Footnote in Slack, on Bolt: {@code app_mention} in channels, direct messages, and {@code /ask}. Every HTTP
 * request's signature is checked before Bolt sees it (v0 HMAC of the body with the signing secret, timestamp
 * within five minutes of now, either way); Bolt answers {@code url_verification}; the handlers acknowledge at
 * once and answer on another thread, in the thread of the question, so one thread is one conversation. An event
 * Slack retries is answered once. The same handlers serve Socket Mode when that is configured.
 */
public final class SlackBot implements Webhook, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackBot.class);
    private static final Pattern MENTION = Pattern.compile("<@[A-Z0-9]+(\\|[^>]*)?>");
    private static final int REMEMBERED_EVENTS = 10_000;
    /**
     * Slash commands answered, by signature. A replay is refused here only while its timestamp is in the window, so
     * this must hold five minutes of commands; only Slack can sign new ones, so a replayer cannot push them out.
     */
    private static final int REMEMBERED_COMMANDS = 10_000;
    /** How far a request's timestamp may be from now, before or after, for it to be taken. */
    private static final long SIGNATURE_WINDOW_SECONDS = 5 * 60;
    private static final String SLASH_COMMAND = "slash_command";
    /** The requests Footnote has Bolt act on; any other signed request is acknowledged and ignored. */
    private static final Set<String> ACTED_ON = Set.of(SLASH_COMMAND, "ssl_check", "event_callback",
            "url_verification");
    static final String HELP = "Ask me about the articles: mention me with a question, send me a direct message,"
            + " or use `/ask your question`. I answer in a thread and cite the file and lines of every claim;"
            + " reply in the thread (mentioning me) to follow up.";

    private final SlackSettings settings;
    private final Asker asker;
    private final App app;
    private final MethodsClient methods;
    private final SlackRequestParser parser;
    private final SlackSignature.Generator signer;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Retry retry;
    private final Seen<String> seenEvents = new Seen<>(REMEMBERED_EVENTS);
    private final Seen<String> answeredCommands = new Seen<>(REMEMBERED_COMMANDS);
    private volatile SocketModeApp socketMode;
    private volatile Thread connector;
    private volatile boolean closed;

    public SlackBot(SlackSettings settings, Asker asker) {
        this(settings, asker, Duration.ofSeconds(1));
    }

    /** @param firstRetry the pause after the first failed call to Slack; it doubles up to a minute */
    public SlackBot(SlackSettings settings, Asker asker, Duration firstRetry) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("Slack needs " + settings.missing());
        }
        this.settings = settings;
        this.asker = asker;
        this.retry = new Retry(LOG, 6, firstRetry, Duration.ofMinutes(1),
                settings.botToken(), settings.signingSecret(), settings.appToken());
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setPrettyResponseLoggingEnabled(false);
        Slack slack = Slack.getInstance(config);
        this.methods = slack.methods(settings.botToken().value());
        this.app = new App(AppConfig.builder()
                .slack(slack)
                .signingSecret(settings.signingSecret().isSet() ? settings.signingSecret().value() : "")
                .singleTeamBotToken(settings.botToken().value())
                // An event with no handler gets 200, not Bolt's 404, which Slack would retry and count as a failure.
                .allEventsApiAutoAckEnabled(true)
                // handle() has checked the signature already, both ways in time; Bolt's check logs the body at debug.
                .requestVerificationEnabled(false)
                .build());
        this.parser = new SlackRequestParser(app.config());
        // Socket Mode needs no signing secret; HTTP requests are refused without one.
        this.signer = settings.signingSecret().isSet()
                ? new SlackSignature.Generator(settings.signingSecret().value())
                : null;
        register();
    }

    private void register() {
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            AppMentionEvent e = payload.getEvent();
            if (firstTime(payload.getEventId(), ctx.getRetryNum())) {
                String thread = e.getThreadTs() != null ? e.getThreadTs() : e.getTs();
                // answer() logs its failures and posts a note in the thread; nothing waits for the future.
                Future<?> unused = workers.submit(() -> answer(e.getChannel(), thread, e.getText()));
            }
            return ctx.ack();
        });
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            boolean direct = "im".equals(e.getChannelType()) && e.getBotId() == null && e.getSubtype() == null;
            if (direct && firstTime(payload.getEventId(), ctx.getRetryNum())) {
                String thread = e.getThreadTs() != null ? e.getThreadTs() : e.getTs();
                // answer() logs its failures and posts a note in the thread; nothing waits for the future.
                Future<?> unused = workers.submit(() -> answer(e.getChannel(), thread, e.getText()));
            }
            return ctx.ack();
        });
        // Every other event (edits, deletions, bots' messages, files, thread broadcasts, types Slack adds later) is
        // acknowledged by Bolt and left alone: allEventsApiAutoAckEnabled.
        app.command("/ask", (req, ctx) -> {
            var p = req.getPayload();
            String question = p.getText() == null ? "" : p.getText().strip();
            if (question.isEmpty()) {
                return ctx.ack(HELP);
            }
            // The answer's failures are logged where they happen; nothing waits for the future.
            Future<?> unused = workers.submit(() -> askCommand(p.getChannelId(), p.getUserId(), question));
            return ctx.ack();
        });
    }

    /** Whether this event is new; a retry of one already taken is acknowledged and dropped. */
    private boolean firstTime(String eventId, Integer retryNum) {
        if (eventId == null) {
            return true;
        }
        boolean first = seenEvents.firstTime(eventId);
        if (!first) {
            LOG.info("Slack retried event {} (retry {}); it is already being answered", eventId, retryNum);
        }
        return first;
    }

    /** {@code /ask}: the question goes to the channel as a message, and the answer into its thread. */
    private void askCommand(String channel, String user, String question) {
        String shown = "<@" + user + "> asked: " + SlackReply.escape(question);
        String[] ts = new String[1];
        boolean posted = retry.run("posting a /ask question to Slack", () -> ts[0] = post(channel, null, shown, null));
        if (posted) {
            answer(channel, ts[0], question);
        }
    }

    /** Answers {@code text} in the thread {@code threadTs} of {@code channel}; the thread is the conversation. */
    void answer(String channel, String threadTs, String text) {
        try {
            String question = MENTION.matcher(text == null ? "" : text).replaceAll(" ").replaceAll("\\s+", " ").strip();
            if (question.isEmpty()) {
                retry.run("posting help to Slack", () -> post(channel, threadTs, HELP, null));
                return;
            }
            Answer answer = asker.ask(question, conversationId(channel, threadTs));
            SlackReply reply = SlackReply.of(answer);
            retry.run("posting an answer to Slack", () -> post(channel, threadTs, reply.text(), reply));
        } catch (IOException | RuntimeException e) {
            LOG.error("answering a Slack question failed: {}", e.toString());
            retry.run("posting an error note to Slack", () -> post(channel, threadTs,
                    "Sorry, I could not answer that just now. Please try again in a moment.", null));
        }
    }

    /** One conversation per thread. */
    static String conversationId(String channel, String threadTs) {
        return "slack:" + channel + ":" + threadTs;
    }

    /** chat.postMessage, with the failures worth retrying told apart from those that are not; returns the ts. */
    private String post(String channel, String threadTs, String text, SlackReply reply) throws Exception {
        ChatPostMessageResponse r;
        try {
            r = methods.chatPostMessage(b -> {
                b.channel(channel).text(text).threadTs(threadTs).unfurlLinks(false).unfurlMedia(false);
                if (reply != null) {
                    b.blocks(reply.blocks());
                }
                return b;
            });
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            String after = e.getResponse().header("Retry-After");
            if (status == 429 && after != null) {
                throw new Retry.After("Slack is rate limiting (HTTP 429)", Duration.ofSeconds(parseSeconds(after)));
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                throw new Retry.Permanent("Slack answered HTTP " + status);
            }
            throw new IOException("Slack answered HTTP " + status);
        }
        if (r.isOk()) {
            return r.getTs();
        }
        String error = r.getError();
        if ("ratelimited".equals(error) || "internal_error".equals(error) || "fatal_error".equals(error)
                || "service_unavailable".equals(error) || "request_timeout".equals(error)) {
            throw new IOException("Slack answered " + error);
        }
        throw new Retry.Permanent("Slack answered " + error);
    }

    private static long parseSeconds(String s) {
        try {
            return Math.max(1, Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** {@code /slack/events} and {@code /slack/commands}, unless Slack is reached over Socket Mode. */
    @Override
    public List<String> paths() {
        return settings.socketMode() ? List.of() : List.of("/slack/events", "/slack/commands");
    }

    /**
     * {@code POST /slack/events} and {@code POST /slack/commands}: the request goes through Bolt as received,
     * once its signature is known to be Slack's and it is a kind Footnote acts on; other signed requests get 200.
     * Checking here first means a forged request is refused before Bolt does anything, such as calling Slack to
     * check its own token.
     */
    @Override
    public void handle(Context ctx) throws Exception {
        String body = ctx.body();
        String timestamp = ctx.header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
        String signature = ctx.header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
        if (!signedBySlack(timestamp, body, signature)) {
            throw new WebhookRefused(401, "unauthorized",
                    "the request is not signed by Slack, or its timestamp is not within five minutes of now");
        }
        // Only what Footnote acts on goes to Bolt, whose parser logs a body it does not recognise, at warn. Anything
        // else Slack signs (app_rate_limited, types added later) is acknowledged, so that Slack does not retry it.
        String kind = kind(body);
        if (!ACTED_ON.contains(kind)) {
            LOG.info("Slack: acknowledged a request of type {}, which Footnote does not act on",
                    kind.matches("[a-z_]{1,40}") ? kind : "unrecognised");
            ctx.status(200);
            return;
        }
        // Slack never sends a slash command twice, so a signature seen before is a replay: acknowledged like the
        // first (an error would tell the sender something), and not answered again.
        if (kind.equals(SLASH_COMMAND) && !answeredCommands.firstTime(signature)) {
            LOG.info("Slack: a slash command came again with the same signature; acknowledged, not answered again");
            ctx.status(200);
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
        }
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(ctx.path())
                .queryString(ctx.queryParamMap())
                .requestBody(body)
                .headers(new RequestHeaders(headers))
                .remoteAddress(ctx.ip())
                .build());
        if (request == null) {
            throw new WebhookRefused(400, "invalid_request", "not a Slack request this app understands");
        }
        Response response;
        try {
            response = app.run(request);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Bolt checks its token with Slack before its first request; Slack unreachable is a retryable 503.
            LOG.warn("Slack: cannot reach Slack to start the app ({}); Slack will retry the request",
                    e.getClass().getSimpleName());
            throw new WebhookRefused(503, "unavailable", "Slack cannot be reached just now");
        }
        ctx.status(response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> values.forEach(v -> ctx.res().addHeader(name, v)));
        }
        if (response.getContentType() != null) {
            ctx.contentType(response.getContentType());
        }
        ctx.result(response.getBody() == null ? "" : response.getBody());
    }

    /**
     * The kind of a Slack request, told apart as Bolt's parser does: the {@code type} of a JSON body, else
     * {@code slash_command} or {@code ssl_check} for a form, else empty.
     */
    private String kind(String body) {
        if (body.startsWith("{")) {
            try {
                return Json.MAPPER.readTree(body).path("type").asText("");
            } catch (JsonProcessingException e) {
                return "";
            }
        }
        if (parser.getCommandRequestDetector().isCommand(body)) {
            return SLASH_COMMAND;
        }
        return parser.getSslCheckPayloadDetector().isSSLCheckRequest(body) ? "ssl_check" : "";
    }

    /**
     * Whether {@code signature} is Slack's v0 signature of {@code body} at {@code timestamp}, and that timestamp is
     * within five minutes of now either way. Bolt's own check lets any future timestamp through, which would make
     * a captured request good until then; it also compares with {@code equals}, whose time depends on the input.
     */
    private boolean signedBySlack(String timestamp, String body, String signature) {
        if (signer == null || timestamp == null || signature == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        long now = Instant.now().getEpochSecond();
        if (seconds < now - SIGNATURE_WINDOW_SECONDS || seconds > now + SIGNATURE_WINDOW_SECONDS) {
            return false;
        }
        String expected = signer.generate(timestamp, body);
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    /** In Socket Mode, connects out to Slack on a background thread, retrying with backoff until it is up. */
    public SlackBot start() {
        if (!settings.socketMode()) {
            return this;
        }
        connector = Thread.ofVirtual().name("slack-socket-mode")
                .start(() -> retry.forever("Slack: connecting over Socket Mode", () -> closed, () -> {
                    SocketModeApp socket = new SocketModeApp(settings.appToken().value(), app,
                            SocketModeClient.Backend.JavaWebSocket);
                    socket.startAsync();
                    socketMode = socket;
                    LOG.info("Slack: connected over Socket Mode");
                }));
        return this;
    }

    public SlackSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        closed = true;
        Thread c = connector;
        if (c != null) {
            c.interrupt();
        }
        SocketModeApp s = socketMode;
        if (s != null) {
            // SocketModeApp.close() disconnects but leaves the client's own threads running; close those too.
            SocketModeClient client = s.getClient();
            try {
                s.close();
                if (client != null) {
                    client.close();
                }
            } catch (Exception e) {
                LOG.debug("closing Socket Mode: {}", e.getMessage());
            }
        }
        workers.shutdownNow();
    }
}
