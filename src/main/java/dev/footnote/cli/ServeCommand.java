package dev.footnote.cli;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.ask.Asker;
import dev.footnote.conversation.ConversationSettings;
import dev.footnote.index.FolderWatcher;
import dev.footnote.index.IndexStats;
import dev.footnote.index.solr.StateCollection;
import dev.footnote.server.ConcurrencyLimit;
import dev.footnote.server.FootnoteServer;
import dev.footnote.slack.SlackBot;
import dev.footnote.slack.SlackSettings;
import dev.footnote.telegram.TelegramBot;
import dev.footnote.telegram.TelegramSettings;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Indexes the articles if needed and serves the chat page and HTTP API.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CollectionOptions collection;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = Config.DEFAULTS.port();

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host = Config.DEFAULTS.host();

    @Option(names = "--slack-signing-secret", paramLabel = "SECRET", description = "Slack app's signing secret.")
    String slackSigningSecret;

    @Option(names = "--slack-bot-token", paramLabel = "TOKEN", description = "Slack bot token, xoxb-…. Without it Slack is off.")
    String slackBotToken;

    @Option(names = "--slack-app-token", paramLabel = "TOKEN", description = "Slack app-level token, xapp-…, for Socket Mode.")
    String slackAppToken;

    @Option(names = "--slack-socket-mode", paramLabel = "true|false", arity = "0..1", fallbackValue = "true", description = "Connect to Slack over Socket Mode instead of receiving /slack/events.")
    boolean slackSocketMode;

    @Option(names = "--slack-api-url", paramLabel = "URL", description = "Slack Web API prefix (default https://slack.com/api/).")
    String slackApiUrl;

    @Option(names = "--telegram-bot-token", paramLabel = "TOKEN", description = "Telegram bot token from BotFather. Without it Telegram is off.")
    String telegramBotToken;

    @Option(names = "--telegram-webhook", paramLabel = "true|false", arity = "0..1", fallbackValue = "true", description = "Receive Telegram updates at /telegram/webhook instead of long polling.")
    boolean telegramWebhook;

    @Option(names = "--telegram-webhook-secret", paramLabel = "SECRET", description = "What Telegram must send in X-Telegram-Bot-Api-Secret-Token.")
    String telegramWebhookSecret;

    @Option(names = "--telegram-webhook-url", paramLabel = "URL", description = "Public https URL of /telegram/webhook; when given, Footnote registers it (env FOOTNOTE_TELEGRAM_WEBHOOK_URL).")
    String telegramWebhookUrl;

    @Option(names = "--telegram-api-url", paramLabel = "URL", description = "Telegram Bot API server (default https://api.telegram.org).")
    String telegramApiUrl;

    @Mixin
    ServeGuardOptions guard;

    @Mixin
    ConversationOptions conversationOptions;

    /** Everything {@code serve} was told, as one configuration. */
    Config config() throws IOException {
        return collection.config().withModel(modelOptions.settings()).withListening(host, port)
                .withServer(guard.options(host)).withWatch(guard.watch, guard.pollMillis)
                .withChat(
                        new SlackSettings(slackSigningSecret, slackBotToken, slackAppToken, slackSocketMode,
                                slackApiUrl),
                        new TelegramSettings(telegramBotToken, telegramWebhook, telegramWebhookSecret,
                                telegramWebhookUrl,
                                telegramApiUrl))
                .withConversations(conversationOptions.settings());
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Config config = config();
        Footnote footnote = Footnote.open(config, Main::log);
        FolderWatcher watcher = footnote.watch();
        var report = footnote.sync();
        if (report != null) {
            Main.log(report.summary());
            report.failed().forEach(f -> Main.log("failed: " + f));
        }
        FootnoteServer server = new FootnoteServer(footnote.service(), footnote).with(config.server());
        Asker asker = limited(Asker.of(footnote.service()), server.answers());
        SlackBot slack = null;
        if (config.slack().enabled()) {
            slack = new SlackBot(config.slack(), asker);
            Main.log(config.slack().socketMode()
                    ? "Slack: on, over Socket Mode"
                    : "Slack: on, at /slack/events and /slack/commands");
        } else {
            Main.log("Slack: off (" + config.slack().missing() + " is not set)");
        }
        TelegramBot telegram = null;
        if (config.telegram().enabled()) {
            telegram = new TelegramBot(config.telegram(), asker);
            Main.log(config.telegram().webhook() ? "Telegram: on, at /telegram/webhook" : "Telegram: on, long polling");
        } else {
            Main.log("Telegram: off (" + config.telegram().missing() + " is not set)");
        }
        if (config.watch()) {
            Main.log("watching " + footnote.files().root() + " for changes");
        }
        footnote.writer().ifPresent(w -> Main.log(w.self()
                ? "writer: this process holds the writer lease (until " + w.expires() + ")"
                : "writer: " + (w.owner() == null ? "no one" : w.owner())
                        + "; this process answers and takes the writer lease when it is free"));
        watcher.start(config.watch());
        server.withWebhook(slack).withWebhook(telegram).start(config.host(), config.port());
        SlackBot slackBot = slack;
        TelegramBot telegramBot = telegram;
        if (slackBot != null) {
            slackBot.start();
        }
        if (telegramBot != null) {
            telegramBot.start();
        }
        IndexStats stats = footnote.index().stats();
        String shown = host.equals("0.0.0.0") ? "localhost" : host.equals("127.0.0.1") ? "localhost" : host;
        Main.log(config.model().describe());
        Main.log(footnote.service().conversations().settings().store().equals(ConversationSettings.SOLR)
                ? "conversations: " + footnote.service().conversations().size() + " kept in the cluster's "
                        + StateCollection.nameFor(config.backend().collection()) + ", shared by every server over it"
                : config.conversations().store().equals(ConversationSettings.FILE)
                        ? "conversations: " + footnote.service().conversations().size() + " kept in "
                                + config.index().resolve("conversations") + ", each until unused for "
                                + config.conversations().maxAge().toMinutes() + " minutes"
                        : "conversations: kept in memory only, lost at a restart");
        Main.log(String.format("Footnote is serving %d articles (%d passages) at http://%s:%d/ (ready in %d ms)",
                stats.articles(), stats.passages(), shown, server.port(), (System.nanoTime() - t0) / 1_000_000));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (slackBot != null) {
                slackBot.close();
            }
            if (telegramBot != null) {
                telegramBot.close();
            }
            server.stop();
            try {
                footnote.close();
            } catch (Exception e) {
                Main.log("closing the index failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "footnote-shutdown"));
        stopped.await();
        return 0;
    }

    /** Chat questions take the same bound as HTTP ones: a busy server tells the chat to try again shortly. */
    static Asker limited(Asker asker, ConcurrencyLimit limit) {
        return (question, conversationId) -> {
            if (!limit.acquire()) {
                throw new IOException("the server is busy answering others");
            }
            try {
                return asker.ask(question, conversationId);
            } finally {
                limit.release();
            }
        };
    }
}
