package dev.footnote.conversation;

import java.time.Duration;

/**
 * What is remembered of conversations, and where.
 *
 * @param store            {@code file}: in {@code conversations/} beside the index, so a restart continues them;
 *                         {@code memory}: for the life of the process only; {@code solr}: in the SolrCloud's
 *                         state collection, shared by every server over it (what {@code file} means with
 *                         {@code --backend solr})
 * @param turns            the last turns of a conversation kept for reading follow-ups
 * @param maxAge           a conversation unused this long is gone
 * @param maxConversations the most conversations kept; the least recently used go first
 * @param maxChars         the most characters kept over all conversations (about as many bytes on disk)
 */
public record ConversationSettings(String store, int turns, Duration maxAge, int maxConversations, long maxChars) {

    public static final String FILE = "file";
    public static final String MEMORY = "memory";
    public static final String SOLR = "solr";

    /** A week, ten thousand conversations, 50 million characters. */
    public static final ConversationSettings DEFAULTS = new ConversationSettings(FILE, 6, Duration.ofDays(7), 10_000,
            50_000_000);

    public ConversationSettings {
        if (!FILE.equals(store) && !MEMORY.equals(store) && !SOLR.equals(store)) {
            throw new IllegalArgumentException("the conversation store is file, memory or solr, not " + store);
        }
        if (turns < 1 || maxConversations < 1 || maxChars < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("conversation bounds must be positive");
        }
    }

    public ConversationSettings withStore(String store) {
        return new ConversationSettings(store, turns, maxAge, maxConversations, maxChars);
    }

    public ConversationSettings withTurns(int turns) {
        return new ConversationSettings(store, turns, maxAge, maxConversations, maxChars);
    }

    public ConversationSettings withMaxAge(Duration maxAge) {
        return new ConversationSettings(store, turns, maxAge, maxConversations, maxChars);
    }

    public ConversationSettings withMaxConversations(int maxConversations) {
        return new ConversationSettings(store, turns, maxAge, maxConversations, maxChars);
    }

    public ConversationSettings withMaxChars(long maxChars) {
        return new ConversationSettings(store, turns, maxAge, maxConversations, maxChars);
    }
}
