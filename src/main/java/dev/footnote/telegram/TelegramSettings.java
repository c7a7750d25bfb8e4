package dev.footnote.telegram;

import dev.footnote.messenger.Secret;

/**
 * How Footnote reaches Telegram. The token and the webhook secret come from configuration or the environment
 * and never appear in {@link #toString()} or a log line.
 *
 * @param botToken      the token BotFather gave
 * @param webhook       receive updates at {@code POST /telegram/webhook} instead of long polling
 * @param webhookSecret what Telegram must send in {@code X-Telegram-Bot-Api-Secret-Token} (webhook mode)
 * @param webhookUrl    the public https URL of {@code /telegram/webhook}; when set, the bot registers it itself
 * @param apiUrl        the Bot API server, {@code https://api.telegram.org} unless pointed elsewhere
 */
public record TelegramSettings(Secret botToken, boolean webhook, Secret webhookSecret, String webhookUrl,
        String apiUrl) {

    public static final String DEFAULT_API_URL = "https://api.telegram.org";
    /** Telegram off: no token. */
    public static final TelegramSettings OFF = new TelegramSettings(Secret.UNSET, false, Secret.UNSET, null, null);

    public TelegramSettings {
        botToken = botToken == null ? Secret.UNSET : botToken;
        webhookSecret = webhookSecret == null ? Secret.UNSET : webhookSecret;
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.strip();
    }

    /** The settings as options and environment variables give them: blank is unset. */
    public TelegramSettings(String botToken, boolean webhook, String webhookSecret, String webhookUrl, String apiUrl) {
        this(Secret.of(botToken), webhook, Secret.of(webhookSecret), webhookUrl, apiUrl);
    }

    public boolean enabled() {
        return missing() == null;
    }

    /** What is missing for the chosen mode, or {@code null} when nothing is. */
    public String missing() {
        if (!botToken.isSet()) {
            return "FOOTNOTE_TELEGRAM_BOT_TOKEN";
        }
        return webhook ? webhookSecret.missingAs("FOOTNOTE_TELEGRAM_WEBHOOK_SECRET (webhook mode)") : null;
    }

    @Override
    public String toString() {
        return "TelegramSettings[mode=" + (webhook ? "webhook" : "long polling") + ", apiUrl=" + apiUrl
                + ", webhookUrl=" + webhookUrl + ", botToken=" + botToken + ", webhookSecret=" + webhookSecret + "]";
    }
}
