package dev.footnote.ask;

/**
 * The bounds on one question, the same for every channel (HTTP, {@code /v1}, the command line, Slack, Telegram).
 *
 * @param maxQuestionChars the longest question taken, and the longest standalone question a rewrite may yield
 * @param defaultTopK      passages an answer is drawn from when the asker does not say
 * @param maxTopK          the most passages an asker may ask for, in an answer or a search
 */
public record Limits(int maxQuestionChars, int defaultTopK, int maxTopK) {

    public static final Limits DEFAULTS = new Limits(2000, 5, 50);

    public Limits {
        if (maxQuestionChars < 1 || defaultTopK < 1 || maxTopK < defaultTopK) {
            throw new IllegalArgumentException("limits need a positive question length and 1 <= top-k default <= max");
        }
    }

    /** Whether {@code k} is a top-k an asker may ask for. */
    public boolean allowsTopK(int k) {
        return k >= 1 && k <= maxTopK;
    }
}
