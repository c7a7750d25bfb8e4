package dev.footnote.conversation;

import dev.footnote.index.BackendUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The recent turns of each conversation, kept in a {@link ConversationStore} and bounded: the last
 * {@code turns} turns of a conversation, none unused longer than {@code maxAge}, at most {@code maxConversations}
 * conversations of {@code maxChars} characters in all (the least recently used go first). Asked for a conversation,
 * it says whether it is {@code new} (no id), {@code continued}, or {@code expired} (an id it no longer has, or
 * never had), so a client can tell the reader instead of silently starting over.
 *
 * <p>A store that fails is logged and the question is still answered, without its earlier turns. A store whose
 * cluster cannot be reached just now ({@link BackendUnavailableException}) is different: reading a conversation
 * then fails (as an {@link UncheckedIOException} around it) so the server says "try again" instead of answering a
 * follow-up as if it were the first question; keeping a turn still only logs, since the answer is already made.
 */
public final class Conversations implements AutoCloseable {

    public static final String NEW = "new";
    public static final String CONTINUED = "continued";
    public static final String EXPIRED = "expired";

    public static final int DEFAULT_TURNS = ConversationSettings.DEFAULTS.turns();
    /** A long answer is kept shortened: a follow-up needs its gist, not all of it. */
    static final int MAX_TURN_ANSWER = 2_000;
    /** Idle conversations are looked for at most this often; the count and size bounds hold at every turn. */
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    /** A conversation's status and its remembered turns, oldest first. */
    public record Lookup(String status, List<Turn> turns) {
        public Lookup {
            turns = List.copyOf(turns);
        }
    }

    private final ConversationSettings settings;
    private final ConversationStore store;
    private final Clock clock;
    private final Consumer<String> log;
    private Instant lastPrune = Instant.MIN;

    /** In memory, with the default bounds. */
    public Conversations() {
        this(ConversationSettings.DEFAULTS.withStore(ConversationSettings.MEMORY), new MemoryConversationStore(),
                Clock.systemUTC(), line -> {});
    }

    public Conversations(ConversationSettings settings, ConversationStore store, Clock clock, Consumer<String> log) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.log = log;
    }

    /** The conversation's status and turns; {@code new} and no turns without an id. */
    public synchronized Lookup lookup(String id) {
        if (id == null || id.isBlank()) {
            return new Lookup(NEW, List.of());
        }
        Optional<ConversationStore.Stored> stored = live(id);
        return stored.map(s -> new Lookup(CONTINUED, s.turns().stream().map(ConversationStore.StoredTurn::turn)
                .toList())).orElseGet(() -> new Lookup(EXPIRED, List.of()));
    }

    /** The conversation's turns still remembered, oldest first; empty for an unknown or expired id. */
    public List<Turn> history(String id) {
        return lookup(id).turns();
    }

    public synchronized void add(String id, Turn turn) {
        String answer = turn.answer().length() <= MAX_TURN_ANSWER
                ? turn.answer()
                : turn.answer().substring(0, MAX_TURN_ANSWER) + "…";
        Instant now = clock.instant();
        List<ConversationStore.StoredTurn> turns;
        try {
            turns = new ArrayList<>(live(id).map(ConversationStore.Stored::turns).orElse(List.of()));
        } catch (UncheckedIOException e) {
            log.accept("the conversation could not be kept (" + e.getMessage() + "); follow-ups start afresh");
            return;
        }
        turns.add(new ConversationStore.StoredTurn(turn.question(), turn.searchQuery(), answer, now.toEpochMilli()));
        if (turns.size() > settings.turns()) {
            turns = turns.subList(turns.size() - settings.turns(), turns.size());
        }
        try {
            store.put(new ConversationStore.Stored(id, turns));
            boolean over = store.count() > settings.maxConversations() || store.size() > settings.maxChars();
            if (over || !now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
                lastPrune = now;
                store.prune(now.minus(settings.maxAge()), settings.maxConversations(), settings.maxChars(), id);
            }
        } catch (IOException | UncheckedIOException e) {
            log.accept("the conversation could not be kept (" + e.getMessage() + "); follow-ups start afresh");
        }
    }

    /** Forgets a conversation; whether there was one. */
    public synchronized boolean delete(String id) {
        try {
            boolean had = live(id).isPresent();
            boolean removed = store.delete(id);
            return had && removed;
        } catch (BackendUnavailableException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            log.accept("the conversation could not be removed (" + e.getMessage() + ")");
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** How many conversations are kept. */
    public synchronized int size() {
        return store.count();
    }

    /** Characters kept over all conversations. */
    public synchronized long chars() {
        return store.size();
    }

    public ConversationSettings settings() {
        return settings;
    }

    /** The stored conversation unless it is past its age, which removes it. */
    private Optional<ConversationStore.Stored> live(String id) {
        try {
            Optional<ConversationStore.Stored> stored = store.get(id);
            if (stored.isPresent() && stored.get().lastUsed().isBefore(clock.instant().minus(settings.maxAge()))) {
                store.delete(id);
                return Optional.empty();
            }
            return stored;
        } catch (BackendUnavailableException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            log.accept("the conversation could not be read (" + e.getMessage() + "); this question starts afresh");
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
