package dev.footnote.retrieve;

import java.util.Locale;

/** How passages are found: words (BM25), meaning (vectors), or both fused. */
public enum Retrieval {
    BM25, VECTOR, HYBRID;

    public boolean needsVectors() {
        return this != BM25;
    }

    public static Retrieval parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("retrieval must be bm25, vector or hybrid, not " + s);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
