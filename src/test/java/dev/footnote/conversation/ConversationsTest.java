package dev.footnote.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConversationsTest {

    /** A clock the test moves by hand. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Turn turn(int n) {
        return new Turn("question " + n, "query " + n, "answer " + n);
    }

    @Test
    void keepsTheLastTurnsInOrder() {
        Conversations c = new Conversations(3, Duration.ofMinutes(30), 100_000, new Hand());
        for (int i = 1; i <= 5; i++) {
            c.add("a", turn(i));
        }
        assertThat(c.history("a")).containsExactly(turn(3), turn(4), turn(5));
        assertThat(c.history("unknown")).isEmpty();
        assertThat(c.history(null)).isEmpty();
    }

    @Test
    void forgetsTurnsOlderThanTheAgeLimit() {
        Hand clock = new Hand();
        Conversations c = new Conversations(6, Duration.ofMinutes(30), 100_000, clock);
        c.add("a", turn(1));
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        c.add("a", turn(2));
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertThat(c.history("a")).containsExactly(turn(2));
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertThat(c.history("a")).isEmpty();
        assertThat(c.size()).isZero();
        assertThat(c.chars()).isZero();
    }

    @Test
    void idleConversationsAreDroppedWhenOthersTalk() {
        Hand clock = new Hand();
        Conversations c = new Conversations(6, Duration.ofMinutes(30), 100_000, clock);
        c.add("old", turn(1));
        clock.now = clock.now.plus(Duration.ofHours(1));
        c.add("new", turn(2));
        assertThat(c.size()).isEqualTo(1);
    }

    @Test
    void memoryIsBoundedOverAllConversationsLeastRecentlyUsedFirst() {
        Conversations c = new Conversations(6, Duration.ofMinutes(30), 200, new Hand());
        for (int i = 0; i < 100; i++) {
            c.add("conversation-" + i, turn(i));
            assertThat(c.chars()).isLessThanOrEqualTo(200);
        }
        assertThat(c.history("conversation-99")).containsExactly(turn(99));
        assertThat(c.history("conversation-0")).isEmpty();
        assertThat(c.size()).isLessThan(10);
    }

    @Test
    void aLongAnswerIsKeptShortened() {
        Conversations c = new Conversations();
        c.add("a", new Turn("q", "q", "x".repeat(10_000)));
        assertThat(c.history("a").get(0).answer()).hasSize(Conversations.MAX_TURN_ANSWER + 1);
    }
}
