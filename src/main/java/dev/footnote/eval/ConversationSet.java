package dev.footnote.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads a follow-up set, one conversation a line; a line that does not parse is an error naming the line. */
public final class ConversationSet {

    private ConversationSet() {
    }

    public static List<ConversationCase> read(Path file) throws IOException {
        return JsonLines.read(file, ConversationCase.class, "a conversation", c -> {
            if (c.turns().isEmpty()) {
                throw new IOException("no turns");
            }
            for (ConversationCase.Turn t : c.turns()) {
                if (t.question() == null || t.question().isBlank()) {
                    throw new IOException("a turn without a question");
                }
            }
        });
    }
}
