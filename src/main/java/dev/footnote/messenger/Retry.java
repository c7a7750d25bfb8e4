package dev.footnote.messenger;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * Calls to a chat service (Slack, Telegram) that may fail for a while: each failure is logged and the call
 * tried again after a doubling pause, up to a number of attempts ({@link #run}) or without end ({@link #forever}).
 * A failure that says trying again cannot help ({@link Permanent}) ends it at once. Nothing here throws to the
 * caller: the caller learns whether it worked.
 */
public final class Retry {

    /** A failure that another attempt would repeat (a bad token, a chat that does not exist). */
    public static final class Permanent extends Exception {
        public Permanent(String message) {
            super(message);
        }
    }

    /** A failure after which the service asked to wait this long before the next attempt. */
    public static final class After extends Exception {
        private final Duration wait;

        public After(String message, Duration wait) {
            super(message);
            this.wait = wait;
        }
    }

    /** One attempt. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws Exception;
    }

    private final Logger log;
    private final int attempts;
    private final Duration first;
    private final Duration max;
    private final java.util.List<String> secrets;

    /** @param secrets tokens that must never reach the log, even inside an exception's message */
    public Retry(Logger log, int attempts, Duration first, Duration max, Secret... secrets) {
        this.log = log;
        this.secrets = java.util.Arrays.stream(secrets).filter(Secret::isSet).map(Secret::value).toList();
        this.attempts = attempts;
        this.first = first;
        this.max = max;
    }

    /** Runs {@code attempt} until it succeeds, fails permanently or has used every attempt; true when it succeeded. */
    public boolean run(String what, Attempt attempt) {
        return retry(what, attempts, () -> false, attempt);
    }

    /**
     * Runs {@code attempt} until it succeeds or fails permanently, however many attempts that takes, for what
     * must come back (a connection, a poller); the pause grows as in {@link #run} and then stays at the maximum.
     * Stops, false, once {@code stopped} says so or the thread is interrupted; true when it succeeded.
     */
    public boolean forever(String what, BooleanSupplier stopped, Attempt attempt) {
        return retry(what, 0, stopped, attempt);
    }

    /** @param limit the most attempts, or 0 for as many as it takes */
    private boolean retry(String what, int limit, BooleanSupplier stopped, Attempt attempt) {
        for (int n = 1; !stopped.getAsBoolean(); n++) {
            try {
                attempt.run();
                return true;
            } catch (Permanent e) {
                log.warn("{} failed and will not be retried: {}", what, redact(e.getMessage()));
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                if (limit > 0 && n >= limit) {
                    log.warn("{} failed {} times, giving up: {}", what, n, describe(e));
                    return false;
                }
                Duration pause = pause(n - 1);
                Duration wait = e instanceof After after && after.wait.compareTo(pause) > 0 ? after.wait : pause;
                log.warn("{} failed (attempt {}{}), retrying in {} ms: {}", what, n, limit > 0 ? " of " + limit : "",
                        wait.toMillis(), describe(e));
                if (!sleep(wait)) {
                    return false;
                }
            }
        }
        return false;
    }

    /** The pause before attempt {@code n + 1}: the first pause doubled {@code n} times, at most the maximum. */
    public Duration pause(int n) {
        Duration d = first.multipliedBy(1L << Math.min(n, 20));
        return d.compareTo(max) > 0 ? max : d;
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + redact(m));
    }

    /** {@code text} with every secret replaced by {@code ***}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        for (String s : secrets) {
            text = text.replace(s, "***");
        }
        return text;
    }
}
