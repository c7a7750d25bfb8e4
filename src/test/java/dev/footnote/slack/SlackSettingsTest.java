package dev.footnote.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The settings name what is missing by its environment variable and never show a secret. */
class SlackSettingsTest {

    @Test
    void toStringShowsNoSecret() {
        SlackSettings settings = new SlackSettings("signing-1", "xoxb-1", " ", false, null);
        assertThat(settings).hasToString("SlackSettings[mode=http, apiUrl=https://slack.com/api/, signingSecret=set,"
                + " botToken=set, appToken=unset]");
    }

    @Test
    void missingNamesTheEnvironmentVariableForTheMode() {
        assertThat(new SlackSettings("s", " ", "a", false, null).missing()).isEqualTo("FOOTNOTE_SLACK_BOT_TOKEN");
        assertThat(new SlackSettings(" ", "xoxb-1", null, false, null).missing())
                .isEqualTo("FOOTNOTE_SLACK_SIGNING_SECRET");
        assertThat(new SlackSettings("s", "xoxb-1", "", true, null).missing())
                .isEqualTo("FOOTNOTE_SLACK_APP_TOKEN (Socket Mode)");
        assertThat(new SlackSettings(null, "xoxb-1", "xapp-1", true, null).enabled()).isTrue();
    }
}
