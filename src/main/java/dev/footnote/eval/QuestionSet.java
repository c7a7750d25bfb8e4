package dev.footnote.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads a questions.jsonl file; a line that does not parse is an error naming the line. */
public final class QuestionSet {

    private QuestionSet() {
    }

    public static List<Question> read(Path file) throws IOException {
        return JsonLines.read(file, Question.class, "a question", q -> {
            if (q.question() == null || q.question().isBlank()) {
                throw new IOException("no question");
            }
        });
    }
}
