package dev.footnote.slack;

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
public record SlackSettings(String signingSecret, String botToken, String appToken, boolean socketMode, String apiUrl) {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    /** Slack off: no tokens, no secret. */
    public static final SlackSettings OFF = new SlackSettings(null, null, null, false, null);

    public SlackSettings {
        signingSecret = blankToNull(signingSecret);
        botToken = blankToNull(botToken);
        appToken = blankToNull(appToken);
        apiUrl = blankToNull(apiUrl) == null ? DEFAULT_API_URL : apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    /** Whether there is enough to run; when not, {@link #missing()} says what is absent. */
    public boolean enabled() {
        return missing() == null;
    }

    /** What is missing for the chosen mode, or {@code null} when nothing is. */
    public String missing() {
        if (botToken == null) {
            return "FOOTNOTE_SLACK_BOT_TOKEN";
        }
        if (socketMode) {
            return appToken == null ? "FOOTNOTE_SLACK_APP_TOKEN (Socket Mode)" : null;
        }
        return signingSecret == null ? "FOOTNOTE_SLACK_SIGNING_SECRET" : null;
    }

    @Override
    public String toString() {
        return "SlackSettings[mode=" + (socketMode ? "socket" : "http") + ", apiUrl=" + apiUrl
                + ", signingSecret=" + shown(signingSecret) + ", botToken=" + shown(botToken)
                + ", appToken=" + shown(appToken) + "]";
    }

    private static String shown(String secret) {
        return secret == null ? "unset" : "set";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
