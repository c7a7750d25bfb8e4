package dev.footnote.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations over the real file store in a temporary folder (and the memory store), with a clock moved by hand. */
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

    private static final ConversationSettings SETTINGS = ConversationSettings.DEFAULTS.withTurns(3)
            .withMaxAge(Duration.ofMinutes(30));

    @TempDir
    Path dir;
    private final Hand clock = new Hand();
    private final List<String> log = new ArrayList<>();

    private Conversations onDisk(ConversationSettings settings) throws IOException {
        return new Conversations(settings, new FileConversationStore(dir, log::add), clock, log::add);
    }

    private static Turn turn(int n) {
        return new Turn("question " + n, "query " + n, "answer " + n);
    }

    @Test
    void keepsTheLastTurnsInOrderAndSaysWhetherAConversationContinues() throws IOException {
        for (Conversations c : List.of(onDisk(SETTINGS),
                new Conversations(SETTINGS, new MemoryConversationStore(), clock, log::add))) {
            for (int i = 1; i <= 5; i++) {
                c.add("a", turn(i));
            }
            assertThat(c.lookup("a")).isEqualTo(new Conversations.Lookup("continued", List.of(turn(3), turn(4),
                    turn(5))));
            assertThat(c.lookup(null)).isEqualTo(new Conversations.Lookup("new", List.of()));
            assertThat(c.lookup(" ")).isEqualTo(new Conversations.Lookup("new", List.of()));
            assertThat(c.lookup("never-seen")).isEqualTo(new Conversations.Lookup("expired", List.of()));
        }
    }

    @Test
    void aRestartContinuesAConversationFromTheFolder() throws IOException {
        Conversations before = onDisk(SETTINGS);
        before.add("slack:C0NEWS:1712.5", turn(1));
        before.add("slack:C0NEWS:1712.5", turn(2));
        before.close();
        Conversations after = onDisk(SETTINGS);
        assertThat(after.lookup("slack:C0NEWS:1712.5").status()).isEqualTo("continued");
        assertThat(after.history("slack:C0NEWS:1712.5")).containsExactly(turn(1), turn(2));
        assertThat(after.size()).isEqualTo(1);
    }

    @Test
    void aConversationUnusedPastTheAgeLimitHasExpired() throws IOException {
        Conversations c = onDisk(SETTINGS);
        c.add("a", turn(1));
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        c.add("a", turn(2));
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        // Age counts from the last use: 29 minutes after the second turn both turns are still there.
        assertThat(c.lookup("a")).isEqualTo(new Conversations.Lookup("continued", List.of(turn(1), turn(2))));
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(c.lookup("a")).isEqualTo(new Conversations.Lookup("expired", List.of()));
        assertThat(c.size()).isZero();
        assertThat(jsonFiles()).isEmpty();
        // The same id asked again starts afresh and is kept from then on.
        c.add("a", turn(3));
        assertThat(c.lookup("a")).isEqualTo(new Conversations.Lookup("continued", List.of(turn(3))));
    }

    @Test
    void idleConversationsAreRemovedWhenOthersTalk() throws IOException {
        Conversations c = onDisk(SETTINGS);
        c.add("old", turn(1));
        clock.now = clock.now.plus(Duration.ofHours(1));
        c.add("new", turn(2));
        assertThat(c.size()).isEqualTo(1);
        assertThat(jsonFiles()).hasSize(1);
        assertThat(onDisk(SETTINGS).lookup("old").status()).isEqualTo("expired");
    }

    @Test
    void countAndSizeAreBoundedLeastRecentlyUsedFirst() throws IOException {
        Conversations byCount = onDisk(SETTINGS.withMaxConversations(3));
        for (int i = 0; i < 10; i++) {
            clock.now = clock.now.plusSeconds(1);
            byCount.add("conversation-" + i, turn(i));
            assertThat(byCount.size()).isLessThanOrEqualTo(3);
        }
        assertThat(jsonFiles()).hasSize(3);
        assertThat(byCount.lookup("conversation-9").status()).isEqualTo("continued");
        assertThat(byCount.lookup("conversation-0").status()).isEqualTo("expired");

        Conversations bySize = new Conversations(SETTINGS.withMaxChars(1_000), new MemoryConversationStore(), clock,
                log::add);
        for (int i = 0; i < 100; i++) {
            bySize.add("conversation-" + i, turn(i));
            assertThat(bySize.chars()).isLessThanOrEqualTo(1_000);
        }
        assertThat(bySize.history("conversation-99")).containsExactly(turn(99));
        assertThat(bySize.history("conversation-0")).isEmpty();
    }

    @Test
    void aFileBoundHoldsOnDiskToo() throws IOException {
        Conversations c = onDisk(SETTINGS.withMaxChars(2_000));
        for (int i = 0; i < 40; i++) {
            clock.now = clock.now.plusSeconds(1);
            c.add("conversation-" + i, new Turn("question " + i, "query " + i, "x".repeat(100)));
        }
        long bytes = 0;
        for (Path f : jsonFiles()) {
            bytes += Files.size(f);
        }
        assertThat(bytes).isLessThanOrEqualTo(2_000);
        assertThat(c.lookup("conversation-39").status()).isEqualTo("continued");
    }

    @Test
    void aConversationCanBeRemovedOnRequest() throws IOException {
        Conversations c = onDisk(SETTINGS);
        c.add("a", turn(1));
        c.add("b", turn(2));
        assertThat(c.delete("a")).isTrue();
        assertThat(c.delete("a")).isFalse();
        assertThat(c.delete("unknown")).isFalse();
        assertThat(c.lookup("a").status()).isEqualTo("expired");
        assertThat(onDisk(SETTINGS).lookup("b").status()).isEqualTo("continued");
        assertThat(jsonFiles()).hasSize(1);
    }

    @Test
    void aCorruptFileLosesItsConversationAndNothingElse() throws IOException {
        Conversations c = onDisk(SETTINGS);
        c.add("a", turn(1));
        c.add("b", turn(2));
        c.add("c", turn(3));
        Path broken = dir.resolve(FileConversationStore.fileName("b"));
        Files.writeString(broken, "{\"id\": \"b\", \"turns\": [{\"question\": ", StandardCharsets.UTF_8);

        Conversations reopened = onDisk(SETTINGS);
        assertThat(reopened.lookup("b")).isEqualTo(new Conversations.Lookup("expired", List.of()));
        assertThat(reopened.history("a")).containsExactly(turn(1));
        assertThat(reopened.history("c")).containsExactly(turn(3));
        assertThat(dir.resolve(broken.getFileName() + ".corrupt")).exists();
        assertThat(log).anyMatch(line -> line.contains("cannot be read"));
        // The conversation goes on afresh under its id, in a good file.
        reopened.add("b", turn(4));
        assertThat(onDisk(SETTINGS).history("b")).containsExactly(turn(4));
        // A file that holds another conversation's id (copied by hand) is not taken for this one.
        Files.copy(dir.resolve(FileConversationStore.fileName("a")), dir.resolve(FileConversationStore.fileName("d")));
        assertThat(onDisk(SETTINGS).lookup("d").status()).isEqualTo("expired");
    }

    @Test
    void aLongAnswerIsKeptShortened() throws IOException {
        Conversations c = onDisk(SETTINGS);
        c.add("a", new Turn("q", "q", "x".repeat(10_000)));
        assertThat(c.history("a").get(0).answer()).hasSize(Conversations.MAX_TURN_ANSWER + 1);
    }

    private List<Path> jsonFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }
}
