package dev.footnote.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The settings name what is missing by its environment variable and never show a secret. */
class TelegramSettingsTest {

    @Test
    void toStringShowsNoSecret() {
        TelegramSettings settings = new TelegramSettings("123:abc", true, "hook-1", null, null);
        assertThat(settings).hasToString("TelegramSettings[mode=webhook, apiUrl=https://api.telegram.org,"
                + " webhookUrl=null, botToken=set, webhookSecret=set]");
    }

    @Test
    void missingNamesTheEnvironmentVariableForTheMode() {
        assertThat(new TelegramSettings(" ", false, "s", null, null).missing())
                .isEqualTo("FOOTNOTE_TELEGRAM_BOT_TOKEN");
        assertThat(new TelegramSettings("123:abc", true, "", null, null).missing())
                .isEqualTo("FOOTNOTE_TELEGRAM_WEBHOOK_SECRET (webhook mode)");
        assertThat(new TelegramSettings("123:abc", false, "", null, null).enabled()).isTrue();
    }
}
