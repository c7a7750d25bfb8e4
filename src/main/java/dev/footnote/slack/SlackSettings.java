package dev.footnote.slack;

import dev.footnote.messenger.Secret;

/**
 * How Footnote reaches Slack. The secrets come from configuration or the environment and never appear in
 * {@link #toString()} or a log line.
 *
 * @param signingSecret verifies that HTTP requests come from Slack (Events API, slash commands)
 * @param botToken      the bot's {@code xoxb-} token, for the Web API
 * @param appToken      the app-level {@code xapp-} token, for Socket Mode only
 * @param socketMode    connect out over Socket Mode instead of receiving HTTP requests
 * @param apiUrl        the Web API's URL prefix, {@code https://slack.com/api/} unless pointed elsewhere
 */
public record SlackSettings(Secret signingSecret, Secret botToken, Secret appToken, boolean socketMode, String apiUrl) {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    /** Slack off: no tokens, no secret. */
    public static final SlackSettings OFF = new SlackSettings(Secret.UNSET, Secret.UNSET, Secret.UNSET, false, null);

    public SlackSettings {
        signingSecret = signingSecret == null ? Secret.UNSET : signingSecret;
        botToken = botToken == null ? Secret.UNSET : botToken;
        appToken = appToken == null ? Secret.UNSET : appToken;
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    /** The settings as options and environment variables give them: blank is unset. */
    public SlackSettings(String signingSecret, String botToken, String appToken, boolean socketMode, String apiUrl) {
        this(Secret.of(signingSecret), Secret.of(botToken), Secret.of(appToken), socketMode, apiUrl);
    }

    /** Whether there is enough to run; when not, {@link #missing()} says what is absent. */
    public boolean enabled() {
        return missing() == null;
    }

    /** What is missing for the chosen mode, or {@code null} when nothing is. */
    public String missing() {
        if (!botToken.isSet()) {
            return "FOOTNOTE_SLACK_BOT_TOKEN";
        }
        return socketMode
                ? appToken.missingAs("FOOTNOTE_SLACK_APP_TOKEN (Socket Mode)")
                : signingSecret.missingAs("FOOTNOTE_SLACK_SIGNING_SECRET");
    }

    @Override
    public String toString() {
        return "SlackSettings[mode=" + (socketMode ? "socket" : "http") + ", apiUrl=" + apiUrl
                + ", signingSecret=" + signingSecret + ", botToken=" + botToken + ", appToken=" + appToken + "]";
    }
}
