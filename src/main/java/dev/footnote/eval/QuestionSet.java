package dev.footnote.eval;

import dev.footnote.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a questions.jsonl file; a line that does not parse is an error naming the line. */
public final class QuestionSet {

    private QuestionSet() {
    }

    public static List<Question> read(Path file) throws IOException {
        List<Question> questions = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                Question q = Json.MAPPER.readValue(line, Question.class);
                if (q.question() == null || q.question().isBlank()) {
                    throw new IOException("no question");
                }
                questions.add(q);
            } catch (IOException e) {
                throw new IOException(
                        file + ":" + n + ": not a question (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
            }
        }
        return questions;
    }
}
