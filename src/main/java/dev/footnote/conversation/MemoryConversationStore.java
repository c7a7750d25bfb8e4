package dev.footnote.conversation;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Conversations for the life of the process: what {@code ask}, {@code eval} and tests use. */
public final class MemoryConversationStore implements ConversationStore {

    /** In order of use, least recent first. */
    private final LinkedHashMap<String, Stored> byId = new LinkedHashMap<>(16, 0.75f, true);
    private long size;

    @Override
    public synchronized Optional<Stored> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized void put(Stored conversation) {
        Stored old = byId.put(conversation.id(), conversation);
        size += conversation.size() - (old == null ? 0 : old.size());
    }

    @Override
    public synchronized boolean delete(String id) {
        Stored old = byId.remove(id);
        if (old != null) {
            size -= old.size();
        }
        return old != null;
    }

    @Override
    public synchronized int prune(Instant idleBefore, int maxCount, long maxSize, String keep) {
        int removed = 0;
        Iterator<Map.Entry<String, Stored>> it = byId.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Stored> e = it.next();
            boolean idle = e.getValue().lastUsed().isBefore(idleBefore);
            boolean over = byId.size() > maxCount || size > maxSize;
            if (e.getKey().equals(keep) || !(idle || over)) {
                continue;
            }
            size -= e.getValue().size();
            it.remove();
            removed++;
        }
        return removed;
    }

    @Override
    public synchronized int count() {
        return byId.size();
    }

    @Override
    public synchronized long size() {
        return size;
    }
}
