package dev.footnote.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One backoff for both: a bounded retry gives up, a retry forever keeps going until it works or is stopped. */
class RetryTest {

    private final Retry retry = new Retry(LoggerFactory.getLogger(RetryTest.class), 2, Duration.ofMillis(1),
            Duration.ofMillis(4), Secret.of("xoxb-secret"));

    /** An attempt that fails {@code failures} times, then works. */
    private static Retry.Attempt failing(int failures, AtomicInteger calls) {
        return () -> {
            if (calls.incrementAndGet() <= failures) {
                throw new IOException("down, token xoxb-secret");
            }
        };
    }

    @Test
    void thePauseDoublesUpToTheMaximum() {
        assertThat(retry.pause(0)).isEqualTo(Duration.ofMillis(1));
        assertThat(retry.pause(1)).isEqualTo(Duration.ofMillis(2));
        assertThat(retry.pause(2)).isEqualTo(Duration.ofMillis(4));
        assertThat(retry.pause(3)).isEqualTo(Duration.ofMillis(4));
        assertThat(retry.pause(1_000)).isEqualTo(Duration.ofMillis(4));
    }

    @Test
    void foreverKeepsTryingPastTheAttemptsARunGivesUpAfter() {
        AtomicInteger bounded = new AtomicInteger();
        assertThat(retry.run("a call", failing(6, bounded))).isFalse();
        assertThat(bounded).hasValue(2);

        AtomicInteger forever = new AtomicInteger();
        assertThat(retry.forever("a connection", () -> false, failing(6, forever))).isTrue();
        assertThat(forever).hasValue(7);
    }

    @Test
    void foreverStopsWhenStopped() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(retry.forever("a connection", () -> calls.get() >= 3, failing(Integer.MAX_VALUE, calls))).isFalse();
        assertThat(calls).hasValue(3);
    }

    @Test
    void foreverEndsAtAPermanentFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(retry.forever("a connection", () -> false, () -> {
            calls.incrementAndGet();
            throw new Retry.Permanent("bad token");
        })).isFalse();
        assertThat(calls).hasValue(1);
    }

    @Test
    void secretsAreRedacted() {
        assertThat(retry.redact("token xoxb-secret refused")).isEqualTo("token *** refused");
    }
}
