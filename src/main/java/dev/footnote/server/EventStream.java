package dev.footnote.server;

import dev.footnote.json.Json;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Server-sent events on a response. The response starts with the first write, so a failure before anything
 * was written still gets its own HTTP status and JSON error. A failed write means the reader has gone: the
 * stream remembers it ({@link #broken()}) so the caller can tell that from its own I/O failures.
 */
final class EventStream {

    private final Context ctx;
    private final long heartbeatNanos;
    private OutputStream out;
    private boolean broken;
    private long lastWrite = System.nanoTime();

    /** @param heartbeat how long the stream may stay quiet before {@link #heartbeat} writes a comment line */
    EventStream(Context ctx, Duration heartbeat) {
        this.ctx = ctx;
        this.heartbeatNanos = heartbeat.toNanos();
    }

    boolean started() {
        return out != null;
    }

    boolean broken() {
        return broken;
    }

    /** {@code event: name} (left out when {@code name} is null) and {@code data:} the value as JSON. */
    void event(String name, Object data) throws IOException {
        write((name == null ? "" : "event: " + name + "\n") + "data: " + Json.write(data) + "\n\n");
    }

    /** A line of text as the data of an unnamed event, e.g. OpenAI's {@code data: [DONE]}. */
    void data(String line) throws IOException {
        write("data: " + line + "\n\n");
    }

    /**
     * A comment line, which readers ignore, when nothing was written for the heartbeat interval (counted from
     * the start too, so a model that fails at once still gets its HTTP status). Writing is the only way to find
     * out that a reader has left: without it a silent model would keep its connection until the timeout.
     */
    void heartbeat() throws IOException {
        if (System.nanoTime() - lastWrite >= heartbeatNanos) {
            write(": …\n\n");
        }
    }

    private void write(String text) throws IOException {
        if (broken) {
            throw new IOException("the client has gone");
        }
        try {
            if (out == null) {
                ctx.res().setStatus(200);
                ctx.res().setContentType("text/event-stream");
                ctx.res().setCharacterEncoding("UTF-8");
                ctx.res().setHeader("Cache-Control", "no-cache");
                ctx.res().setHeader("X-Accel-Buffering", "no");
                out = ctx.res().getOutputStream();
            }
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            lastWrite = System.nanoTime();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }
}
