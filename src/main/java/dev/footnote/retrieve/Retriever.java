package dev.footnote.retrieve;

import dev.footnote.corpus.Passage;
import dev.footnote.embed.Embedder;
import dev.footnote.embed.Vectors;
import dev.footnote.index.PassageStore;
import dev.footnote.index.Unit;
import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the passages for a question by words (BM25 over passage text and heading), by meaning (nearest
 * sentence and heading vectors), or both, fused. The question is analysed like the text and turned into term
 * queries, so any question is a valid query. Passages that say nearly the same thing as a better one are
 * folded into it.
 */
public final class Retriever {

    static final double FOLD_SIMILARITY = 0.8;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Retriever.class);

    /** How the two rankings are combined in hybrid mode. */
    public enum Fusion {
        MINMAX, RRF
    }

    /**
     * How retrieval weighs and fuses what it finds.
     *
     * @param headingBoost  BM25 weight of the heading field against the passage text
     * @param headingWeight a passage's dense score is its best sentence, or its heading times this
     * @param fusion        min-max normalised score sum, or reciprocal rank fusion
     * @param bm25Weight    in min-max fusion, the weight of BM25 (the rest is the vector score)
     * @param candidates    how many passages each ranking contributes before fusion
     * @param articleWeight a passage's dense score gains its whole article's similarity times this; 0 leaves it out
     */
    public record Settings(float headingBoost, double headingWeight, Fusion fusion, double bm25Weight, int candidates,
            double articleWeight) {
        public static final Settings DEFAULT = new Settings(0.2f, 0.8, Fusion.MINMAX, 0.5, 100, 0.25);
    }

    private final PassageStore index;
    private final Embedder embedder;
    private final Retrieval mode;
    private final Settings settings;
    private volatile Predicate<String> current = file -> true;

    /** BM25 only. */
    public Retriever(PassageStore index) {
        this(index, null, Retrieval.BM25, Settings.DEFAULT);
    }

    public Retriever(PassageStore index, Embedder embedder, Retrieval mode, Settings settings) {
        if (mode.needsVectors() && embedder == null) {
            throw new IllegalArgumentException(mode + " retrieval needs an embedding model");
        }
        this.index = index;
        this.embedder = embedder;
        this.mode = mode;
        this.settings = settings;
    }

    public Retrieval mode() {
        return mode;
    }

    /**
     * Finds passages only in files {@code current} accepts: a watched folder's files as they were indexed, so
     * a file deleted or changed on disk is neither shown nor cited in the moments before the index catches up.
     */
    public void onlyFrom(Predicate<String> current) {
        this.current = Objects.requireNonNull(current);
    }

    public List<SearchHit> search(String question, int k) throws IOException {
        return search(question, k, Set.of());
    }

    /**
     * Searches only the articles named in {@code files} (all of them when it is empty): a filter on the
     * file, applied inside each search so that the best passages of those articles fill the {@code k} places.
     */
    public List<SearchHit> search(String question, int k, Set<String> files) throws IOException {
        return find(question, k, files).hits();
    }

    /**
     * As {@link #search(String, int, Set)}, with everything the answerer needs beside the hits: the question's
     * term weights, its vector, and a {@link Similarity} that embeds another wording of it against the hits.
     */
    public RetrievalResult retrieve(String question, int k, Set<String> files) throws IOException {
        Found found = find(question, k, files);
        List<SearchHit> hits = found.hits();
        Similarity similarity = text -> {
            if (text.isBlank()) {
                return Similarity.Scores.NONE;
            }
            Map<String, Double> byHash = similarities(text, found.hitVectors());
            return byHash.isEmpty() ? Similarity.Scores.NONE : sentence -> byHash.get(Unit.hash(sentence));
        };
        return new RetrievalResult(hits, weights(TextAnalysis.termSet(question)), found.vector(), similarity);
    }

    /**
     * The hits of one search, the question's vector (null when words alone were searched) and the vectors of the
     * hits' sentences and headings by {@link Unit#hash(String)}, read once for every wording the answerer compares.
     */
    @SuppressWarnings("ArrayRecordComponent") // only read
    private record Found(List<SearchHit> hits, float[] vector, Map<String, float[]> hitVectors) {
        static final Found NOTHING = new Found(List.of(), null, Map.of());
    }

    private Found find(String question, int k, Set<String> files) throws IOException {
        Set<String> terms = TextAnalysis.termSet(question);
        if (k <= 0 || terms.isEmpty()) {
            return Found.NOTHING; // "?" or "what is the": nothing to look for, by words or by meaning
        }
        int n = Math.max(settings.candidates(), k * 2 + 5);
        float[] queryVector = mode.needsVectors() ? embed(question) : null;
        Map<String, Double> bm25 = mode == Retrieval.VECTOR && queryVector != null
                ? Map.of()
                : index.bm25(terms, settings.headingBoost(), n, files);
        Map<String, Double> dense = queryVector == null ? Map.of() : dense(queryVector, n, files);
        Map<String, Double> fused = queryVector == null ? bm25 : switch (mode) {
            case BM25 -> bm25;
            case VECTOR -> dense;
            case HYBRID -> settings.fusion() == Fusion.RRF ? rrf(bm25, dense) : minMax(bm25, dense);
        };
        List<String> ranked = ranked(fused);
        Map<String, Passage> passages = index.passages(ranked.subList(0, Math.min(ranked.size(), k * 2 + 5)));
        List<SearchHit> hits = fold(ranked, fused, passages, k);
        if (queryVector == null || hits.isEmpty()) {
            return new Found(hits, queryVector, Map.of());
        }
        Map<String, float[]> hitVectors = hitVectors(hits);
        return new Found(withSimilarities(hits, similarities(queryVector, hitVectors)), queryVector, hitVectors);
    }

    /**
     * Best first; equal scores by pid, so that both backends, whose ties come back in different orders (by document
     * within one index, by shard across several), rank them alike.
     */
    private static List<String> ranked(Map<String, Double> scores) {
        return scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** The question's vector, or null when the model cannot take it (the search then uses words alone). */
    private float[] embed(String question) {
        try {
            return embedder.embedQuery(question);
        } catch (RuntimeException e) {
            LOG.warn("could not embed a question ({}); searching by words only", e.getMessage());
            return null;
        }
    }

    /** BM25's inverse document frequency of each term over the passages, and the terms no passage has. */
    public TermWeights weights(Collection<String> terms) throws IOException {
        PassageStore.TermStats stats = index.termStats(terms);
        long n = Math.max(1, stats.docCount());
        Map<String, Double> idf = new HashMap<>();
        Set<String> absent = new HashSet<>();
        for (String t : terms) {
            long df = stats.docFreq().getOrDefault(t, 0L);
            idf.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
            if (df == 0) {
                absent.add(t);
            }
        }
        return new TermWeights(idf, absent);
    }

    /**
     * Nearest units; a passage scores as its best sentence or its whole text, or its heading times a weight.
     * With an article weight, the passages of the nearest articles are candidates too, and every candidate's
     * score takes in its article's similarity.
     */
    private Map<String, Double> dense(float[] query, int n, Set<String> files) throws IOException {
        Map<String, Double> scores = new HashMap<>();
        nearestUnits(index.nearestUnits(query, n * 3, files), scores);
        if (settings.articleWeight() > 0) {
            withArticles(query, n, scores, files);
        }
        return ranked(scores).stream().limit(n)
                .collect(LinkedHashMap::new, (m, pid) -> m.put(pid, scores.get(pid)), Map::putAll);
    }

    /** Scores the passages the query's units stand in, keeping each passage's best. */
    private void nearestUnits(List<PassageStore.UnitHit> units, Map<String, Double> scores) {
        for (PassageStore.UnitHit u : units) {
            double score = u.heading() ? u.cosine() * settings.headingWeight() : u.cosine();
            for (String pid : u.pids()) {
                scores.merge(pid, score, Math::max);
            }
        }
    }

    /**
     * Adds the {@code n} nearest articles' best passages to the candidates (by their own units, searched within
     * those files), then joins each candidate's score with its article's similarity. An index without article
     * vectors finds no articles and the scores stay as they were.
     */
    private void withArticles(float[] query, int n, Map<String, Double> scores, Set<String> files)
            throws IOException {
        Map<String, Double> article = new HashMap<>(index.nearestArticles(query, n, files));
        if (article.isEmpty()) {
            return;
        }
        nearestUnits(index.nearestUnits(query, n * 3, article.keySet()), scores);
        Set<String> missing = new HashSet<>();
        scores.keySet().forEach(pid -> missing.add(PassageStore.fileOf(pid)));
        missing.removeAll(article.keySet());
        // The other candidates' articles, compared exactly.
        index.articleVectors(missing).forEach((file, v) -> article.put(file, Vectors.dot(query, v)));
        // A file indexed before article vectors (no entry) keeps its own score.
        scores.replaceAll(
                (pid, s) -> s + settings.articleWeight() * article.getOrDefault(PassageStore.fileOf(pid), 0.0));
    }

    private Map<String, Double> minMax(Map<String, Double> bm25, Map<String, Double> dense) {
        Map<String, Double> fused = new HashMap<>();
        normalise(bm25).forEach((pid, s) -> fused.merge(pid, settings.bm25Weight() * s, Double::sum));
        normalise(dense).forEach((pid, s) -> fused.merge(pid, (1 - settings.bm25Weight()) * s, Double::sum));
        return fused;
    }

    private static Map<String, Double> normalise(Map<String, Double> scores) {
        double min = scores.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        Map<String, Double> out = new HashMap<>();
        scores.forEach((pid, s) -> out.put(pid, max > min ? (s - min) / (max - min) : 1.0));
        return out;
    }

    private static Map<String, Double> rrf(Map<String, Double> bm25, Map<String, Double> dense) {
        Map<String, Double> fused = new HashMap<>();
        for (Map<String, Double> ranking : List.of(bm25, dense)) {
            List<String> order = ranking.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
            for (int r = 0; r < order.size(); r++) {
                fused.merge(order.get(r), 1.0 / (60 + r + 1), Double::sum);
            }
        }
        return fused;
    }

    private List<SearchHit> fold(List<String> ranked, Map<String, Double> scores, Map<String, Passage> passages,
            int k) {
        List<Passage> kept = new ArrayList<>();
        List<Set<String>> keptWords = new ArrayList<>();
        List<List<Passage>> keptFolded = new ArrayList<>();
        List<Double> keptScores = new ArrayList<>();
        double best = ranked.isEmpty() ? 1 : Math.max(1e-9, scores.get(ranked.get(0)));
        for (String pid : ranked) {
            Passage p = passages.get(pid);
            if (p == null || !current.test(p.file())) {
                continue; // beyond the loaded depth, or its file changed since it was indexed
            }
            Set<String> words = new HashSet<>(TextAnalysis.terms(p.text()));
            int same = -1;
            for (int j = 0; j < keptWords.size(); j++) {
                if (TextAnalysis.jaccard(words, keptWords.get(j)) >= FOLD_SIMILARITY) {
                    same = j;
                    break;
                }
            }
            if (same >= 0) {
                keptFolded.get(same).add(p);
                continue;
            }
            if (kept.size() == k) {
                continue; // still fold later near-duplicates into what was kept
            }
            kept.add(p);
            keptWords.add(words);
            keptFolded.add(new ArrayList<>());
            keptScores.add(Math.max(0, scores.get(pid) / best));
        }
        List<SearchHit> hits = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            hits.add(new SearchHit(kept.get(i), keptScores.get(i), keptFolded.get(i)));
        }
        return hits;
    }

    /**
     * The cosine similarity of {@code text} (embedded as a question) to every sentence and heading of the hits,
     * keyed by {@link Unit#hash(String)}; empty when this retriever searches words only or the model fails.
     * Behind {@link RetrievalResult#similarity()}: the answerer asks whether some words of a question bring it
     * closer to a sentence.
     */
    private Map<String, Double> similarities(String text, Map<String, float[]> hitVectors) {
        float[] query = mode.needsVectors() && !hitVectors.isEmpty() ? embed(text) : null;
        return query == null ? Map.of() : similarities(query, hitVectors);
    }

    /** The question's cosine similarity to every sentence and heading of the hits, for the answerer. */
    private static List<SearchHit> withSimilarities(List<SearchHit> hits, Map<String, Double> similarity) {
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            Map<String, Double> own = new HashMap<>();
            h.passage().sentences().forEach(s -> put(own, similarity, Unit.hash(s.text())));
            put(own, similarity, Unit.hash(h.passage().heading()));
            out.add(new SearchHit(h.passage(), h.score(), h.folded(), own));
        }
        return out;
    }

    /** The stored vectors of the hits' sentences and headings, by text hash. */
    private Map<String, float[]> hitVectors(List<SearchHit> hits) throws IOException {
        Set<String> wanted = new HashSet<>();
        for (SearchHit h : hits) {
            h.passage().sentences().forEach(s -> wanted.add(Unit.hash(s.text())));
            wanted.add(Unit.hash(h.passage().heading()));
        }
        return index.cachedVectors(wanted);
    }

    private static Map<String, Double> similarities(float[] query, Map<String, float[]> vectors) {
        Map<String, Double> similarity = new HashMap<>();
        vectors.forEach((hash, v) -> similarity.put(hash, Vectors.dot(query, v)));
        return similarity;
    }

    private static void put(Map<String, Double> into, Map<String, Double> from, String hash) {
        Double v = from.get(hash);
        if (v != null) {
            into.put(hash, v);
        }
    }
}
