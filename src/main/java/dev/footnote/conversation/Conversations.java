package dev.footnote.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent turns of each conversation, in memory and bounded three ways: the last {@code maxTurns} turns of a
 * conversation, none older than {@code maxAge}, and at most {@code maxChars} characters over all conversations
 * (the least recently used conversations go first). A forgotten conversation simply starts afresh.
 */
public final class Conversations {

    public static final int DEFAULT_TURNS = 6;
    public static final Duration DEFAULT_AGE = Duration.ofMinutes(30);
    /** About 4 MB of text (8 MB as Java strings) over all conversations. */
    public static final long DEFAULT_CHARS = 2_000_000;
    /** A long answer is kept shortened: a follow-up needs its gist, not all of it. */
    static final int MAX_TURN_ANSWER = 2_000;

    private record Stamped(Turn turn, Instant at) {
    }

    private final int maxTurns;
    private final Duration maxAge;
    private final long maxChars;
    private final Clock clock;
    private final LinkedHashMap<String, Deque<Stamped>> byId = new LinkedHashMap<>(16, 0.75f, true);
    private long chars;

    public Conversations() {
        this(DEFAULT_TURNS, DEFAULT_AGE, DEFAULT_CHARS, Clock.systemUTC());
    }

    public Conversations(int maxTurns, Duration maxAge, long maxChars, Clock clock) {
        if (maxTurns < 1 || maxChars < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("conversation bounds must be positive");
        }
        this.maxTurns = maxTurns;
        this.maxAge = maxAge;
        this.maxChars = maxChars;
        this.clock = clock;
    }

    /** The conversation's turns still remembered, oldest first; empty for an unknown id. */
    public synchronized List<Turn> history(String id) {
        if (id == null) {
            return List.of();
        }
        Deque<Stamped> turns = byId.get(id);
        if (turns == null) {
            return List.of();
        }
        expire(id, turns);
        List<Turn> out = new ArrayList<>(turns.size());
        turns.forEach(s -> out.add(s.turn()));
        return out;
    }

    public synchronized void add(String id, Turn turn) {
        Turn kept = turn.answer().length() <= MAX_TURN_ANSWER
                ? turn
                : new Turn(turn.question(), turn.searchQuery(), turn.answer().substring(0, MAX_TURN_ANSWER) + "…");
        Deque<Stamped> turns = byId.get(id);
        if (turns == null) {
            turns = new ArrayDeque<>();
            byId.put(id, turns);
            chars += id.length();
        }
        turns.addLast(new Stamped(kept, clock.instant()));
        chars += kept.size();
        while (turns.size() > maxTurns) {
            chars -= turns.removeFirst().turn().size();
        }
        expire(id, turns);
        // Conversations idle past the age limit sit at the least recently used end: drop them from there.
        Instant limit = clock.instant().minus(maxAge);
        Iterator<Map.Entry<String, Deque<Stamped>>> idle = byId.entrySet().iterator();
        while (idle.hasNext()) {
            Map.Entry<String, Deque<Stamped>> e = idle.next();
            if (e.getValue().isEmpty() || !e.getValue().peekLast().at().isBefore(limit)) {
                break;
            }
            chars -= size(e.getKey(), e.getValue());
            idle.remove();
        }
        // Over the memory bound: forget whole conversations, least recently used first, never the one just added.
        Iterator<Map.Entry<String, Deque<Stamped>>> oldest = byId.entrySet().iterator();
        while (chars > maxChars && oldest.hasNext()) {
            Map.Entry<String, Deque<Stamped>> e = oldest.next();
            if (e.getKey().equals(id)) {
                continue;
            }
            chars -= size(e.getKey(), e.getValue());
            oldest.remove();
        }
    }

    /** How many conversations are held (for tests and health). */
    public synchronized int size() {
        return byId.size();
    }

    /** Characters held over all conversations. */
    public synchronized long chars() {
        return chars;
    }

    private void expire(String id, Deque<Stamped> turns) {
        Instant limit = clock.instant().minus(maxAge);
        while (!turns.isEmpty() && turns.peekFirst().at().isBefore(limit)) {
            chars -= turns.removeFirst().turn().size();
        }
        if (turns.isEmpty()) {
            byId.remove(id);
            chars -= id.length();
        }
    }

    private static long size(String id, Deque<Stamped> turns) {
        long n = id.length();
        for (Stamped s : turns) {
            n += s.turn().size();
        }
        return n;
    }
}
