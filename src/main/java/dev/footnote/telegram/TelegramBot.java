package dev.footnote.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footnote.answer.Answer;
import dev.footnote.ask.Asker;
import dev.footnote.messenger.Retry;
import dev.footnote.messenger.Seen;
import dev.footnote.messenger.Webhook;
import dev.footnote.messenger.WebhookRefused;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;
import org.telegram.telegrambots.longpolling.util.TelegramOkHttpClientFactory;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Footnote in Telegram, on the TelegramBots library: updates by long polling (the default) or at
 * {@code POST /telegram/webhook}, whose secret header is checked. {@code /start} and {@code /help} explain;
 * any text in a private chat is a question, in a group only a message that mentions the bot or replies to it.
 * Each chat (each topic, in forums) is one conversation. While it works the chat shows "typing…".
 */
public final class TelegramBot implements Webhook, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramBot.class);
    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final int REMEMBERED_UPDATES = 10_000;
    static final String HELP = "I answer questions about the articles and cite the file and lines of every claim.\n\n"
            + "Just send me a question. In a group, mention me or reply to one of my messages. "
            + "Follow-up questions continue the conversation.";

    private final TelegramSettings settings;
    private final Asker asker;
    private final OkHttpTelegramClient client;
    private final TelegramUrl url;
    private final Retry retry;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService typing = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telegram-typing");
        t.setDaemon(true);
        return t;
    });
    private final Seen<Integer> seenUpdates = new Seen<>(REMEMBERED_UPDATES);
    private volatile User me;
    private volatile TelegramBotsLongPollingApplication polling;
    private volatile Thread starter;
    private volatile boolean closed;

    public TelegramBot(TelegramSettings settings, Asker asker) {
        this(settings, asker, Duration.ofSeconds(1));
    }

    /** @param firstRetry the pause after the first failed call to Telegram; it doubles up to a minute */
    public TelegramBot(TelegramSettings settings, Asker asker, Duration firstRetry) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("Telegram needs " + settings.missing());
        }
        this.settings = settings;
        this.asker = asker;
        this.url = telegramUrl(settings.apiUrl());
        this.client = new OkHttpTelegramClient(settings.botToken().value(), url);
        this.retry = new Retry(LOG, 6, firstRetry, Duration.ofMinutes(1), settings.botToken(),
                settings.webhookSecret());
    }

    static TelegramUrl telegramUrl(String apiUrl) {
        URI uri = URI.create(apiUrl);
        String scheme = uri.getScheme() == null ? "https" : uri.getScheme();
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
        return new TelegramUrl(scheme, uri.getHost(), port, false);
    }

    /**
     * Learns the bot's own name (for mentions in groups), then starts long polling or, in webhook mode with a
     * URL, registers the webhook; on a background thread that retries with backoff until Telegram answers.
     */
    public TelegramBot start() {
        starter = Thread.ofVirtual().name("telegram-start")
                .start(() -> retry.forever("Telegram: starting", () -> closed, () -> {
                    if (me == null) {
                        me = client.execute(new GetMe());
                        LOG.info("Telegram: signed in as @{}", me.getUserName());
                    }
                    if (settings.webhook()) {
                        if (settings.webhookUrl() != null) {
                            client.execute(SetWebhook.builder().url(settings.webhookUrl())
                                    .secretToken(settings.webhookSecret().value()).allowedUpdates(List.of("message"))
                                    .build());
                            LOG.info("Telegram: webhook registered at {}", settings.webhookUrl());
                        } else {
                            LOG.info("Telegram: webhook mode, expecting updates at /telegram/webhook");
                        }
                    } else {
                        TelegramBotsLongPollingApplication app = new TelegramBotsLongPollingApplication(
                                ObjectMapper::new, new TelegramOkHttpClientFactory.DefaultOkHttpClientCreator(),
                                Executors::newSingleThreadScheduledExecutor, this::pollingBackOff);
                        app.registerBot(settings.botToken().value(), () -> url,
                                offset -> GetUpdates.builder().offset(offset + 1).timeout(50)
                                        .allowedUpdates(List.of("message")).build(),
                                this::consume);
                        polling = app;
                        LOG.info("Telegram: long polling for updates");
                    }
                }));
        return this;
    }

    /**
     * The pause after a failed {@code getUpdates}: the same doubling as every other call to Telegram, from the
     * first retry up to a minute, forever (the library's own back-off would wait fifteen minutes a time after a
     * long outage), so long polling outlives any outage.
     */
    private BackOff pollingBackOff() {
        return new BackOff() {
            private int failures;

            @Override
            public synchronized void reset() {
                failures = 0;
            }

            @Override
            public synchronized long nextBackOffMillis() {
                long wait = retry.pause(failures++).toMillis();
                LOG.debug("Telegram: getUpdates failed, polling again in {} ms", wait);
                return wait;
            }
        };
    }

    /** Updates from long polling; nothing thrown here may reach the poller, whose task would end with it. */
    private void consume(List<Update> updates) {
        for (Update update : updates) {
            try {
                receive(update);
            } catch (RuntimeException e) {
                LOG.error("Telegram: could not take update {}: {}", update.getUpdateId(), retry.redact(e.toString()));
            }
        }
    }

    /** {@code /telegram/webhook} in webhook mode; none when long polling. */
    @Override
    public List<String> paths() {
        return settings.webhook() ? List.of("/telegram/webhook") : List.of();
    }

    /** {@code POST /telegram/webhook}: only with the right secret header; the update is answered afterwards. */
    @Override
    public void handle(Context ctx) {
        String given = ctx.header(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                settings.webhookSecret().value().getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRefused(401, "unauthorized", "missing or wrong " + SECRET_HEADER);
        }
        Update update;
        try {
            update = json.readValue(ctx.body(), Update.class);
        } catch (Exception e) {
            throw new WebhookRefused(400, "invalid_request", "not a Telegram update");
        }
        receive(update);
        ctx.status(200).json(Map.of("ok", true));
    }

    /** Takes an update; the answer is worked out on another thread. A repeated update is ignored. */
    void receive(Update update) {
        if (update == null || update.getUpdateId() == null
                || !seenUpdates.firstTime(update.getUpdateId())) {
            return;
        }
        Message message = update.getMessage();
        if (message == null || !message.hasText()) {
            return;
        }
        // The answer's failures are logged where they happen; nothing waits for the future.
        Future<?> unused = workers.submit(() -> handle(message));
    }

    private void handle(Message message) {
        String text = message.getText().strip();
        boolean group = !"private".equals(message.getChat().getType());
        String command = command(text);
        if (command != null) {
            String rest = text.contains(" ") ? text.substring(text.indexOf(' ') + 1).strip() : "";
            switch (command) {
                case "start", "help" -> {
                    send(message, List.of(TelegramReply.escape(HELP)));
                    return;
                }
                case "ask" -> {
                    if (rest.isEmpty()) {
                        send(message, List.of(TelegramReply.escape(HELP)));
                    } else {
                        answer(message, rest);
                    }
                    return;
                }
                default -> {
                    if (group) {
                        return;
                    }
                }
            }
        }
        if (group && !addressed(message)) {
            return;
        }
        String question = withoutMention(text);
        if (question.isEmpty()) {
            send(message, List.of(TelegramReply.escape(HELP)));
            return;
        }
        answer(message, question);
    }

    /** The command's name when the text is one meant for this bot ({@code /help} or {@code /help@thisbot}). */
    private String command(String text) {
        if (!text.startsWith("/")) {
            return null;
        }
        String word = text.split("\\s", 2)[0].substring(1);
        int at = word.indexOf('@');
        if (at >= 0) {
            User self = me;
            if (self == null || !word.substring(at + 1).equalsIgnoreCase(self.getUserName())) {
                return "";
            }
            word = word.substring(0, at);
        }
        return word.toLowerCase(Locale.ROOT);
    }

    /** In a group: the message mentions the bot or replies to one of its messages. */
    private boolean addressed(Message message) {
        User self = me;
        if (self == null) {
            return false;
        }
        Message replied = message.getReplyToMessage();
        if (replied != null && replied.getFrom() != null && self.getId().equals(replied.getFrom().getId())) {
            return true;
        }
        if (message.getEntities() != null) {
            for (MessageEntity e : message.getEntities()) {
                if ("mention".equals(e.getType()) && e.getText() != null
                        && e.getText().equalsIgnoreCase("@" + self.getUserName())) {
                    return true;
                }
                if ("text_mention".equals(e.getType()) && e.getUser() != null
                        && self.getId().equals(e.getUser().getId())) {
                    return true;
                }
            }
        }
        return self.getUserName() != null
                && message.getText().toLowerCase(Locale.ROOT)
                        .contains("@" + self.getUserName().toLowerCase(Locale.ROOT));
    }

    private String withoutMention(String text) {
        User self = me;
        if (self != null && self.getUserName() != null) {
            text = text.replaceAll("(?i)@" + java.util.regex.Pattern.quote(self.getUserName()) + "\\b", " ");
        }
        return text.replaceAll("\\s+", " ").strip();
    }

    private void answer(Message message, String question) {
        ScheduledFuture<?> typingAction = typing.scheduleAtFixedRate(() -> sendTyping(message), 0, 4, TimeUnit.SECONDS);
        List<String> reply;
        try {
            Answer answer = asker.ask(question, conversationId(message));
            reply = TelegramReply.of(answer);
        } catch (Exception e) {
            LOG.error("answering a Telegram question failed: {}", e.toString());
            reply = List
                    .of(TelegramReply.escape("Sorry, I could not answer that just now. Please try again in a moment."));
        } finally {
            typingAction.cancel(false);
        }
        send(message, reply);
    }

    /** One conversation per chat, or per topic in a forum group. */
    static String conversationId(Message message) {
        Integer thread = message.getMessageThreadId();
        boolean topic = Boolean.TRUE.equals(message.getIsTopicMessage()) && thread != null;
        return "telegram:" + message.getChatId() + (topic ? ":" + thread : "");
    }

    private Integer topic(Message message) {
        return Boolean.TRUE.equals(message.getIsTopicMessage()) ? message.getMessageThreadId() : null;
    }

    private void sendTyping(Message message) {
        try {
            client.execute(SendChatAction.builder().chatId(message.getChatId()).messageThreadId(topic(message))
                    .action(ActionType.TYPING.toString()).build());
        } catch (Exception e) {
            LOG.debug("Telegram typing action failed: {}", retry.redact(String.valueOf(e.getMessage())));
        }
    }

    private void send(Message to, List<String> messages) {
        for (int i = 0; i < messages.size(); i++) {
            SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder()
                    .chatId(to.getChatId())
                    .messageThreadId(topic(to))
                    .text(messages.get(i))
                    .parseMode(ParseMode.HTML)
                    .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
            if (i == 0) {
                b.replyParameters(
                        ReplyParameters.builder().messageId(to.getMessageId()).allowSendingWithoutReply(true).build());
            }
            SendMessage send = b.build();
            boolean sent = retry.run("sending a Telegram message (" + (i + 1) + " of " + messages.size() + ")", () -> {
                try {
                    client.execute(send);
                } catch (TelegramApiRequestException e) {
                    Integer code = e.getErrorCode();
                    if (code != null && code == 429) {
                        int after = e.getParameters() != null && e.getParameters().getRetryAfter() != null
                                ? e.getParameters().getRetryAfter()
                                : 1;
                        throw new Retry.After("Telegram is rate limiting", Duration.ofSeconds(after));
                    }
                    if (code != null && code >= 400 && code < 500) {
                        throw new Retry.Permanent("Telegram answered " + code + ": " + e.getApiResponse());
                    }
                    throw e;
                }
            });
            if (!sent) {
                return;
            }
        }
    }

    public TelegramSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        closed = true;
        Thread s = starter;
        if (s != null) {
            s.interrupt();
        }
        TelegramBotsLongPollingApplication p = polling;
        if (p != null) {
            try {
                p.close();
            } catch (Exception e) {
                LOG.debug("stopping long polling: {}", e.getMessage());
            }
        }
        typing.shutdownNow();
        workers.shutdownNow();
    }
}
