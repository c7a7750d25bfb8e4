package dev.footnote.server;

import dev.footnote.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The verdicts readers gave, one JSON object a line, appended and never rewritten: real questions with a reader's
 * judgement, ready to become an evaluation set. Bounded in size, so a flood of clicks cannot fill the disk.
 */
public final class FeedbackLog {

    /** The file's name beside the index. */
    public static final String FILE_NAME = "feedback.jsonl";
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final Path file;
    private final long maxBytes;

    public FeedbackLog(Path file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one record as a whole line. One writer at a time, so lines never interleave; a full file refuses
     * (503) and keeps every earlier line.
     */
    public synchronized void append(Feedback feedback) throws IOException {
        byte[] line = (Json.write(feedback) + "\n").getBytes(StandardCharsets.UTF_8);
        long size = Files.exists(file) ? Files.size(file) : 0;
        if (size + line.length > maxBytes) {
            throw new ApiException(503, "feedback_full", "the feedback file " + FILE_NAME + " has reached its limit of "
                    + maxBytes + " bytes; move it aside to record more");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
