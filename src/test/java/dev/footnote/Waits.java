package dev.footnote;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting for what other threads and processes do, with Awaitility and always with an upper bound. */
public final class Waits {

    /** Often enough that a test goes on soon after what it waits for has happened. */
    private static final Duration POLL = Duration.ofMillis(20);

    private Waits() {
    }

    /** An Awaitility wait of at most {@code timeout} that checks at once, then every 20 ms. */
    public static ConditionFactory within(Duration timeout) {
        return await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL);
    }

    /**
     * Waits up to {@code timeout} until one of the {@code recorded} items matches, and returns the first that does.
     * Fails naming {@code what} was awaited and all that was {@code seen}, which says more than Awaitility's timeout.
     */
    public static <T> T first(Supplier<List<T>> recorded, Predicate<? super T> match, Duration timeout,
            String what, Supplier<?> seen) {
        try {
            return within(timeout).until(() -> recorded.get().stream().filter(match).findFirst(), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no matching " + what + " within " + timeout + "; got " + seen.get(), e);
        }
    }
}
