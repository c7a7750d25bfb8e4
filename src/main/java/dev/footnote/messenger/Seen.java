package dev.footnote.messenger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last deliveries a chat service made, so a redelivered event or update is answered once.
 * Bounded: the oldest ids are forgotten first.
 */
public final class Seen<K> {

    private final Map<K, Boolean> ids;

    public Seen(int capacity) {
        this.ids = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time {@code id} is offered, false when it was seen already. */
    public synchronized boolean firstTime(K id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }
}
