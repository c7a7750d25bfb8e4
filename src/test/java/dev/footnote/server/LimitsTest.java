package dev.footnote.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.Waits;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate limiter on a fake clock, and the concurrency bound's queue. */
class LimitsTest {

    @Test
    void aBucketAllowsItsBurstThenOneRequestPerIntervalAndSaysHowLongToWait() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(60, 3, now::get); // one a second, bursts of three
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
        assertThat(limiter.acquire("b")).isZero();
        now.addAndGet(500_000_000L);
        assertThat(limiter.acquire("a")).isEqualTo(1);
        now.addAndGet(500_000_000L);
        assertThat(limiter.acquire("a")).isZero();
        // A long pause refills only up to the burst.
        now.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
        assertThat(limiter.acquire("a")).isPositive();
        // Idle clients are forgotten.
        assertThat(limiter.clients()).isEqualTo(1);
    }

    @Test
    void overTheBoundRequestsWaitBrieflyThenAreTurnedAway() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(1, 1, 50);
        assertThat(limit.acquire()).isTrue();
        long t0 = System.nanoTime();
        assertThat(limit.acquire()).isFalse(); // waited its 50 ms in the queue
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(40L, 2000L);

        // One queued waiter fills the queue: the next is refused at once, the waiter gets the permit when freed.
        ConcurrencyLimit slow = new ConcurrencyLimit(1, 1, 5000);
        assertThat(slow.acquire()).isTrue();
        CountDownLatch waiting = new CountDownLatch(1);
        boolean[] got = new boolean[1];
        Thread waiter = new Thread(() -> {
            waiting.countDown();
            got[0] = slow.acquire();
        });
        waiter.start();
        waiting.await();
        // Bounded by the waiter's own 5 s in the queue: after that it is never seen queued.
        Waits.within(Duration.ofSeconds(5)).until(() -> slow.queued() > 0);
        long t1 = System.nanoTime();
        assertThat(slow.acquire()).isFalse();
        assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(1000);
        slow.release();
        waiter.join(5000);
        assertThat(got[0]).isTrue();
    }
}
