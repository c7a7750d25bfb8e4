package dev.footnote.cli;

import dev.footnote.Footnote;
import dev.footnote.ask.Asker;
import dev.footnote.slack.SlackBot;
import dev.footnote.slack.SlackSettings;
import dev.footnote.telegram.TelegramBot;
import dev.footnote.telegram.TelegramSettings;
import dev.footnote.index.FolderWatcher;
import dev.footnote.retrieve.Retriever;
import dev.footnote.index.IndexStats;
import dev.footnote.model.ModelSettings;
import dev.footnote.server.ConcurrencyLimit;
import dev.footnote.server.FootnoteServer;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Indexes the articles if needed and serves the chat page and HTTP API.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CollectionOptions collection;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${FOOTNOTE_PORT:-7070}",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${FOOTNOTE_HOST:-127.0.0.1}",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--slack-signing-secret", paramLabel = "SECRET", defaultValue = "${env:FOOTNOTE_SLACK_SIGNING_SECRET}",
            description = "Slack app's signing secret (env FOOTNOTE_SLACK_SIGNING_SECRET).")
    String slackSigningSecret;

    @Option(names = "--slack-bot-token", paramLabel = "TOKEN", defaultValue = "${env:FOOTNOTE_SLACK_BOT_TOKEN}",
            description = "Slack bot token, xoxb-… (env FOOTNOTE_SLACK_BOT_TOKEN). Without it Slack is off.")
    String slackBotToken;

    @Option(names = "--slack-app-token", paramLabel = "TOKEN", defaultValue = "${env:FOOTNOTE_SLACK_APP_TOKEN}",
            description = "Slack app-level token, xapp-…, for Socket Mode (env FOOTNOTE_SLACK_APP_TOKEN).")
    String slackAppToken;

    @Option(names = "--slack-socket-mode", paramLabel = "true|false", defaultValue = "${env:FOOTNOTE_SLACK_SOCKET_MODE:-false}",
            arity = "0..1", fallbackValue = "true",
            description = "Connect to Slack over Socket Mode instead of receiving /slack/events (env FOOTNOTE_SLACK_SOCKET_MODE).")
    boolean slackSocketMode;

    @Option(names = "--slack-api-url", paramLabel = "URL", defaultValue = "${env:FOOTNOTE_SLACK_API_URL}",
            description = "Slack Web API prefix (default https://slack.com/api/; env FOOTNOTE_SLACK_API_URL).")
    String slackApiUrl;

    @Option(names = "--telegram-bot-token", paramLabel = "TOKEN", defaultValue = "${env:FOOTNOTE_TELEGRAM_BOT_TOKEN}",
            description = "Telegram bot token from BotFather (env FOOTNOTE_TELEGRAM_BOT_TOKEN). Without it Telegram is off.")
    String telegramBotToken;

    @Option(names = "--telegram-webhook", paramLabel = "true|false", defaultValue = "${env:FOOTNOTE_TELEGRAM_WEBHOOK:-false}",
            arity = "0..1", fallbackValue = "true",
            description = "Receive Telegram updates at /telegram/webhook instead of long polling (env FOOTNOTE_TELEGRAM_WEBHOOK).")
    boolean telegramWebhook;

    @Option(names = "--telegram-webhook-secret", paramLabel = "SECRET", defaultValue = "${env:FOOTNOTE_TELEGRAM_WEBHOOK_SECRET}",
            description = "What Telegram must send in X-Telegram-Bot-Api-Secret-Token (env FOOTNOTE_TELEGRAM_WEBHOOK_SECRET).")
    String telegramWebhookSecret;

    @Option(names = "--telegram-webhook-url", paramLabel = "URL", defaultValue = "${env:FOOTNOTE_TELEGRAM_WEBHOOK_URL}",
            description = "Public https URL of /telegram/webhook; when given, Footnote registers it (env FOOTNOTE_TELEGRAM_WEBHOOK_URL).")
    String telegramWebhookUrl;

    @Option(names = "--telegram-api-url", paramLabel = "URL", defaultValue = "${env:FOOTNOTE_TELEGRAM_API_URL}",
            description = "Telegram Bot API server (default https://api.telegram.org; env FOOTNOTE_TELEGRAM_API_URL).")
    String telegramApiUrl;

    @Mixin
    ServeGuardOptions guard;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        ModelSettings model = modelOptions.settings();
        Footnote footnote = Footnote.open(collection.articles, collection.index, collection.retrieval,
                Retriever.Settings.DEFAULT, model, Main::log);
        FolderWatcher watcher = guard.watcher(footnote);
        var report = footnote.sync();
        if (report != null) {
            Main.log(report.summary());
            report.failed().forEach(f -> Main.log("failed: " + f));
        }
        FootnoteServer server = new FootnoteServer(footnote.service(), footnote.index()).with(guard.options(host), watcher);
        Asker asker = limited(Asker.of(footnote.service()), server.answers());
        SlackSettings slackSettings = new SlackSettings(slackSigningSecret, slackBotToken, slackAppToken,
                slackSocketMode, slackApiUrl);
        SlackBot slack = null;
        if (slackSettings.enabled()) {
            slack = new SlackBot(slackSettings, asker);
            Main.log(slackSettings.socketMode() ? "Slack: on, over Socket Mode"
                    : "Slack: on, at /slack/events and /slack/commands");
        } else {
            Main.log("Slack: off (" + slackSettings.missing() + " is not set)");
        }
        TelegramSettings telegramSettings = new TelegramSettings(telegramBotToken, telegramWebhook,
                telegramWebhookSecret, telegramWebhookUrl, telegramApiUrl);
        TelegramBot telegram = null;
        if (telegramSettings.enabled()) {
            telegram = new TelegramBot(telegramSettings, asker);
            Main.log(telegramSettings.webhook() ? "Telegram: on, at /telegram/webhook" : "Telegram: on, long polling");
        } else {
            Main.log("Telegram: off (" + telegramSettings.missing() + " is not set)");
        }
        guard.start(watcher, footnote);
        server.withWebhook(slack).withWebhook(telegram).start(host, port);
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
        Main.log(model.describe());
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
            watcher.close();
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
