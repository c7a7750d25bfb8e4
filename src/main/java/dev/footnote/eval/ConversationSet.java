package dev.footnote.eval;

import dev.footnote.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a follow-up set, one conversation a line; a line that does not parse is an error naming the line. */
public final class ConversationSet {

    private ConversationSet() {
    }

    public static List<ConversationCase> read(Path file) throws IOException {
        List<ConversationCase> cases = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                ConversationCase c = Json.MAPPER.readValue(line, ConversationCase.class);
                if (c.turns().isEmpty()) {
                    throw new IOException("no turns");
                }
                for (ConversationCase.Turn t : c.turns()) {
                    if (t.question() == null || t.question().isBlank()) {
                        throw new IOException("a turn without a question");
                    }
                }
                cases.add(c);
            } catch (IOException e) {
                throw new IOException(file + ":" + n + ": not a conversation ("
                        + e.getMessage().lines().findFirst().orElse("") + ")", e);
            }
        }
        return cases;
    }
}
