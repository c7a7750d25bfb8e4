package dev.footnote.messenger;

/**
 * A token or secret for a chat service, read from configuration or the environment. Blank counts as unset, and
 * {@link #toString()} says only whether it is set, so a settings record or a log line that shows it shows no more.
 *
 * @param value the secret, stripped, or {@code null} when unset; pass it only to what must have it
 */
public record Secret(String value) {

    public static final Secret UNSET = new Secret(null);

    public Secret {
        value = value == null || value.isBlank() ? null : value.strip();
    }

    /** The secret given, or {@link #UNSET} for null or blank. */
    public static Secret of(String value) {
        return value == null || value.isBlank() ? UNSET : new Secret(value);
    }

    public boolean isSet() {
        return value != null;
    }

    /** {@code name} when this is unset, else {@code null}: a settings record's answer to what is missing. */
    public String missingAs(String name) {
        return isSet() ? null : name;
    }

    @Override
    public String toString() {
        return isSet() ? "set" : "unset";
    }
}
