package dev.footnote.cli;

import dev.footnote.Config;
import dev.footnote.conversation.ConversationSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How {@code serve} keeps conversations: where, how many turns, how long and how much. */
public final class ConversationOptions {

    private static final ConversationSettings D = Config.DEFAULTS.conversations();

    @Option(names = "--conversation-store", paramLabel = "file|memory|solr", description = "file: conversations kept in conversations/ beside the index, so a restart continues them (with --backend solr: in the cluster, shared by every server); memory: lost at a restart; solr: in the cluster (default: ${DEFAULT-VALUE}).")
    String store = D.store();

    @Option(names = "--conversation-turns", paramLabel = "N", description = "Turns of a conversation kept for reading follow-ups (default: ${DEFAULT-VALUE}).")
    int turns = D.turns();

    @Option(names = "--conversation-max-age-minutes", paramLabel = "MINUTES", description = "A conversation unused this long is gone (default: ${DEFAULT-VALUE}, a week).")
    long maxAgeMinutes = D.maxAge().toMinutes();

    @Option(names = "--conversation-max-count", paramLabel = "N", description = "Most conversations kept; the least recently used go first (default: ${DEFAULT-VALUE}).")
    int maxCount = D.maxConversations();

    @Option(names = "--conversation-max-chars", paramLabel = "N", description = "Most characters kept over all conversations, about as many bytes on disk (default: ${DEFAULT-VALUE}).")
    long maxChars = D.maxChars();

    ConversationSettings settings() {
        return new ConversationSettings(store, turns, Duration.ofMinutes(maxAgeMinutes), maxCount, maxChars);
    }
}
