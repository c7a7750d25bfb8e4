package dev.footnote.eval;

import dev.footnote.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an evaluation set, one JSON value a line; a line that does not parse or check is an error naming it. */
final class JsonLines {

    /** What a value must hold beyond its JSON shape; throws with the reason when it does not. */
    interface Check<T> {
        void check(T value) throws IOException;
    }

    private JsonLines() {
    }

    /** The values of {@code file}'s non-blank lines; {@code what} names one in errors ("a question"). */
    static <T> List<T> read(Path file, Class<T> type, String what, Check<T> check) throws IOException {
        List<T> values = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                T value = Json.MAPPER.readValue(line, type);
                check.check(value);
                values.add(value);
            } catch (IOException e) {
                throw new IOException(
                        file + ":" + n + ": not " + what + " (" + e.getMessage().lines().findFirst().orElse("") + ")",
                        e);
            }
        }
        return values;
    }
}
