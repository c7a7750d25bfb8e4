package dev.footnote.retrieve;

import java.util.Map;
import java.util.Set;

/** How informative each query term is (BM25 idf), and which terms appear in no passage at all. */
public record TermWeights(Map<String, Double> idf, Set<String> absent) {

    public TermWeights {
        idf = Map.copyOf(idf);
        absent = Set.copyOf(absent);
    }

    public double total() {
        return idf.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
