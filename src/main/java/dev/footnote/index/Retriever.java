package dev.footnote.index;

import dev.footnote.corpus.Passage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * BM25 search over the passages. The question is analysed like the text and turned into term queries
 * (no query syntax, so any question is a valid query); the heading a passage stands under adds context.
 * Passages that say nearly the same thing as a better one are folded into it.
 */
public final class Retriever {

    static final double FOLD_SIMILARITY = 0.8;

    private final PassageIndex index;
    private final float headingBoost;

    public Retriever(PassageIndex index) {
        this(index, 0.2f);
    }

    public Retriever(PassageIndex index, float headingBoost) {
        this.index = index;
        this.headingBoost = headingBoost;
    }

    public List<SearchHit> search(String question, int k) throws IOException {
        Set<String> terms = TextAnalysis.termSet(question);
        if (terms.isEmpty() || k <= 0) {
            return List.of();
        }
        IndexSearcher searcher = index.searchers().acquire();
        try {
            TopDocs top = searcher.search(query(terms), k * 2 + 5);
            StoredFields stored = searcher.storedFields();
            List<Passage> passages = new ArrayList<>(top.scoreDocs.length);
            List<Float> scores = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc);
                passages.add(PassageIndex.passageFrom(d));
                scores.add(sd.score);
            }
            return fold(passages, scores, k);
        } finally {
            index.searchers().release(searcher);
        }
    }

    /** BM25's inverse document frequency of each term over the passages, and the terms no passage has. */
    public TermWeights weights(Collection<String> terms) throws IOException {
        IndexSearcher searcher = index.searchers().acquire();
        try {
            IndexReader reader = searcher.getIndexReader();
            long n = Math.max(1, reader.getDocCount(Fields.TEXT));
            Map<String, Double> idf = new HashMap<>();
            Set<String> absent = new HashSet<>();
            for (String t : terms) {
                long df = reader.docFreq(new Term(Fields.TEXT, t));
                idf.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
                if (df == 0) {
                    absent.add(t);
                }
            }
            return new TermWeights(idf, absent);
        } finally {
            index.searchers().release(searcher);
        }
    }

    private Query query(Set<String> terms) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) {
            b.add(new TermQuery(new Term(Fields.TEXT, t)), BooleanClause.Occur.SHOULD);
            if (headingBoost > 0) {
                b.add(new BoostQuery(new TermQuery(new Term(Fields.HEADING, t)), headingBoost), BooleanClause.Occur.SHOULD);
            }
        }
        return b.build();
    }

    private static List<SearchHit> fold(List<Passage> passages, List<Float> scores, int k) {
        List<SearchHit> hits = new ArrayList<>();
        List<Set<String>> keptWords = new ArrayList<>();
        List<List<Passage>> keptFolded = new ArrayList<>();
        float best = scores.isEmpty() ? 1f : scores.get(0);
        for (int i = 0; i < passages.size() && hits.size() < k; i++) {
            Passage p = passages.get(i);
            Set<String> words = new HashSet<>(TextAnalysis.terms(p.text()));
            int same = -1;
            for (int j = 0; j < keptWords.size(); j++) {
                if (jaccard(words, keptWords.get(j)) >= FOLD_SIMILARITY) {
                    same = j;
                    break;
                }
            }
            if (same >= 0) {
                keptFolded.get(same).add(p);
                continue;
            }
            keptWords.add(words);
            List<Passage> folded = new ArrayList<>();
            keptFolded.add(folded);
            hits.add(new SearchHit(p, scores.get(i) / best, folded));
        }
        // The folded lists were filled after each hit was made; rebuild the records with them.
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            out.add(new SearchHit(hits.get(i).passage(), hits.get(i).score(), keptFolded.get(i)));
        }
        return out;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int shared = 0;
        for (String s : a) {
            if (b.contains(s)) {
                shared++;
            }
        }
        return (double) shared / (a.size() + b.size() - shared);
    }
}
