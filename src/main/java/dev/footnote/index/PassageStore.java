package dev.footnote.index;

import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleLookup;
import dev.footnote.corpus.Passage;
import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the passages are kept and searched: the embedded Lucene index ({@link PassageIndex}) or a SolrCloud collection
 * ({@code index.solr.SolrPassageStore}). The {@link Indexer} writes through it; retrieval uses only its small search
 * primitives, which both backends answer alike (the same analysed terms, the same BM25, the same vectors), so that
 * fusion, folding and answering above it are shared and the same question gets the same answer from either.
 * Passages are named by their pid ({@code file#ordinal}); a file filter that is empty means every file.
 */
public interface PassageStore extends ArticleLookup, Closeable {

    /**
     * The layout of the documents a file is written in now: 2 added doc values for the fields read for each search
     * hit. A file written in an older layout is written again on the next indexing pass, its vectors taken from the
     * index's own cache, so upgrading costs no model time.
     */
    int LAYOUT = 2;

    /**
     * What is indexed of a file: the hash of its bytes, the model that embedded it ("" for none) and the layout its
     * documents were written in.
     */
    record IndexedFile(String hash, String embedding, int layout) {
    }

    /** A unit near a query vector: the passages it stands in, its kind and its cosine similarity to the query. */
    record UnitHit(List<String> pids, String kind, double cosine) {
        public UnitHit {
            pids = List.copyOf(pids);
        }

        public boolean heading() {
            return Unit.Kind.HEADING.name().equals(kind);
        }
    }

    /** How many passages have text, and how many of them hold each term: what BM25's idf is made of. */
    record TermStats(long docCount, Map<String, Long> docFreq) {
    }

    /** A line for logs and health: the folder, or the collection and its cluster. */
    String describe();

    boolean writable();

    /** Replaces everything indexed for the article's file, atomically (BM25 only: no vectors). */
    default void put(Article article, String title, List<Passage> passages) throws IOException {
        put(article, title, passages, List.of(), "");
    }

    /**
     * Replaces everything indexed for the article's file, atomically: the article, its passages, and the units with
     * their vectors, made by the embedding model named {@code embedding} ("" for none).
     */
    void put(Article article, String title, List<Passage> passages, List<Unit> units, String embedding)
            throws IOException;

    void remove(String file) throws IOException;

    /** Makes all updates so far durable and visible to new searches. */
    void commit() throws IOException;

    /**
     * Merges what was written into as few parts as searching is fastest over, after a pass that wrote most of the
     * index; nothing by default (a cluster merges on its own).
     */
    default void compact() throws IOException {
    }

    /** Drops uncommitted updates, where the backend can (used when an indexing pass fails half-way). */
    void rollbackToLastCommit() throws IOException;

    /** Every indexed file, as last committed. */
    Map<String, IndexedFile> indexedFiles() throws IOException;

    /** The hash of every indexed file's bytes, as last committed. */
    default Map<String, String> indexedHashes() throws IOException {
        Map<String, String> hashes = new HashMap<>();
        indexedFiles().forEach((file, f) -> hashes.put(file, f.hash()));
        return hashes;
    }

    /** The vectors of units with any of these text hashes ({@link Unit#hash}): the embedding cache, and similarities. */
    Map<String, float[]> cachedVectors(Collection<String> textHashes) throws IOException;

    /** Picks up commits made by another process. */
    void refresh() throws IOException;

    /** The articles ordered by file name, {@code limit} of them from {@code offset}, and how many there are. */
    ArticlePage articles(int offset, int limit) throws IOException;

    IndexStats stats() throws IOException;

    /**
     * BM25 over passage text and heading (the heading's clauses weighted by {@code headingBoost}) for terms already
     * analysed: the best {@code n} passages' pids and scores, best first.
     */
    Map<String, Double> bm25(Collection<String> terms, float headingBoost, int n, Set<String> files)
            throws IOException;

    /** The {@code k} sentence, heading and passage units nearest to {@code query}, nearest first. */
    List<UnitHit> nearestUnits(float[] query, int k, Set<String> files) throws IOException;

    /** The {@code k} articles nearest to {@code query} by their whole-article vector: file to cosine. */
    Map<String, Double> nearestArticles(float[] query, int k, Set<String> files) throws IOException;

    /** The whole-article vectors of those of {@code files} that have one. */
    Map<String, float[]> articleVectors(Set<String> files) throws IOException;

    /** The passages of these pids that are indexed. */
    Map<String, Passage> passages(Collection<String> pids) throws IOException;

    /** Term statistics of the passage text, for the question's term weights. */
    TermStats termStats(Collection<String> terms) throws IOException;

    /** The id of a file's {@code ordinal}-th passage; units name the passages they stand in by it. */
    static String pid(String file, int ordinal) {
        return file + "#" + ordinal;
    }

    /** The file of a passage id made by {@link #pid}. */
    static String fileOf(String pid) {
        return pid.substring(0, pid.lastIndexOf('#'));
    }
}
