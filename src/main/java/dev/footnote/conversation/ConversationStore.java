package dev.footnote.conversation;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where conversations are kept between questions, and across restarts when the store is durable. {@link Conversations}
 * decides what is kept and for how long; a store only keeps it. The default is {@link FileConversationStore}, beside
 * the index; {@link MemoryConversationStore} keeps them for the life of the process; a cluster backend keeps them in
 * the cluster behind this same interface.
 */
public interface ConversationStore extends AutoCloseable {

    /** One remembered turn and when it was added (epoch milliseconds). */
    record StoredTurn(String question, String searchQuery, String answer, long at) {

        public Turn turn() {
            return new Turn(question, searchQuery, answer);
        }

        public int size() {
            return question.length() + searchQuery.length() + answer.length();
        }
    }

    /** A conversation as stored: its id and its turns, oldest first. */
    record Stored(String id, List<StoredTurn> turns) {

        public Stored {
            turns = List.copyOf(turns);
        }

        /** When it was last added to; the epoch for a conversation without turns. */
        public Instant lastUsed() {
            return Instant.ofEpochMilli(turns.isEmpty() ? 0 : turns.get(turns.size() - 1).at());
        }

        /** Characters held, the measure of the size bound. */
        public long size() {
            return id.length() + turns.stream().mapToLong(StoredTurn::size).sum();
        }
    }

    /** The conversation, or empty when the store has none by this id (or only an unreadable one). */
    Optional<Stored> get(String id) throws IOException;

    /** Keeps the conversation, replacing what was kept under its id. */
    void put(Stored conversation) throws IOException;

    /** Removes the conversation; whether there was one. */
    boolean delete(String id) throws IOException;

    /**
     * Removes the conversations last used before {@code idleBefore}, then, least recently used first, as many as it
     * takes to hold at most {@code maxCount} conversations of at most {@code maxSize} characters in all, never
     * {@code keep}.
     *
     * @return how many were removed
     */
    int prune(Instant idleBefore, int maxCount, long maxSize, String keep) throws IOException;

    /** How many conversations are kept. */
    int count();

    /** Characters kept over all conversations. */
    long size();

    @Override
    default void close() throws IOException {
    }
}
