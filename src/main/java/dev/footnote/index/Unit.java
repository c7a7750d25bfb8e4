package dev.footnote.index;

import dev.footnote.corpus.ArticleReader;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import dev.footnote.embed.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A text that gets a vector: a distinct sentence of a file, a heading, a whole passage with its heading, or the
 * whole article. Overlapping passages share sentences, so each sentence is embedded once and knows every passage
 * (by ordinal in its file) it stands in. Sentences let the answerer pick the sentence that answers; whole
 * passages let retrieval match a question that spans sentences; the article (which stands in no one passage)
 * lets retrieval weigh what the whole file is about.
 */
public record Unit(String text, String textHash, Kind kind, List<Integer> passages,
        // Units are never compared or hashed, and Lucene takes the vector as a float[].
        @SuppressWarnings("ArrayRecordComponent") float[] vector) {

    public enum Kind {
        SENTENCE, HEADING, PASSAGE, ARTICLE
    }

    /** Marks a derived unit's hash, so the embedding cache never takes it for the model's vector of its text. */
    static final String DERIVED = "d";

    public Unit {
        passages = List.copyOf(passages);
    }

    public Unit withVector(float[] v) {
        return new Unit(text, textHash, kind, passages, v);
    }

    /** The units of one file's passages, without vectors yet. */
    public static List<Unit> of(List<Passage> passages) {
        Map<String, List<Integer>> sentences = new LinkedHashMap<>();
        Map<String, List<Integer>> headings = new LinkedHashMap<>();
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            for (Sentence s : p.sentences()) {
                add(sentences, s.text(), i);
            }
            if (!p.heading().isBlank()) {
                add(headings, p.heading(), i);
            }
        }
        List<Unit> units = new ArrayList<>();
        sentences.forEach((text, ps) -> units.add(new Unit(text, hash(text), Kind.SENTENCE, ps, null)));
        headings.forEach((text, ps) -> units.add(new Unit(text, hash(text), Kind.HEADING, ps, null)));
        for (int i = 0; i < passages.size(); i++) {
            String text = passageText(passages.get(i));
            if (!sentences.containsKey(text)) { // a one-sentence passage without a heading is that sentence
                units.add(new Unit(text, hash(text), Kind.PASSAGE, List.of(i), null));
            }
        }
        if (!passages.isEmpty()) {
            String text = articleText(passages);
            units.add(new Unit(text, hash(text), Kind.ARTICLE, List.of(), null));
        }
        return units;
    }

    /**
     * What is embedded for a whole article: its indexed text in order, each heading (the title first) on a line
     * of its own where it changes, then the sentences under it, each once although passages overlap. An article
     * of one passage is that passage's text, so it shares that vector.
     */
    public static String articleText(List<Passage> passages) {
        StringBuilder text = new StringBuilder();
        Set<Sentence> seen = new HashSet<>();
        String heading = null;
        boolean lineOpen = false;
        for (Passage p : passages) {
            if (!p.heading().isBlank() && !p.heading().equals(heading)) {
                heading = p.heading();
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(heading).append('\n');
                lineOpen = false;
            }
            for (Sentence s : p.sentences()) {
                if (seen.add(s)) {
                    if (lineOpen) {
                        text.append(' ');
                    }
                    text.append(s.text());
                    lineOpen = true;
                }
            }
        }
        return text.toString();
    }

    /** What is embedded for a whole passage: its heading, then its text. */
    public static String passageText(Passage p) {
        return p.heading().isBlank() ? p.text() : p.heading() + "\n" + p.text();
    }

    private static void add(Map<String, List<Integer>> map, String text, int passage) {
        List<Integer> list = map.computeIfAbsent(text, t -> new ArrayList<>());
        if (!list.contains(passage)) {
            list.add(passage);
        }
    }

    /**
     * Vectors for {@code wanted} (passages and articles of one file) made from the sentence vectors among
     * {@code embedded}: a passage's is the normalised sum of its sentences', an article's that of all its
     * sentences'. The model's vector of a whole text weighs what its sentences say much like this, at no model
     * time (docs/evaluation.md has what it costs in quality). A derived unit's hash is marked, so the embedding
     * cache never hands it out as the model's vector of that text.
     */
    public static List<Unit> derive(List<Unit> wanted, List<Unit> embedded) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        // One pass over the sentences: the sum for each passage they stand in, and for the whole article.
        Map<Integer, float[]> byPassage = new java.util.HashMap<>();
        float[] article = null;
        for (Unit s : embedded) {
            if (s.kind() == Kind.SENTENCE && s.vector() != null) {
                article = add(article, s.vector());
                for (int p : s.passages()) {
                    byPassage.put(p, add(byPassage.get(p), s.vector()));
                }
            }
        }
        List<Unit> out = new ArrayList<>(wanted.size());
        for (Unit w : wanted) {
            float[] sum = w.kind() == Kind.ARTICLE ? article : byPassage.get(w.passages().get(0));
            if (sum != null) {
                out.add(new Unit(w.text(), DERIVED + w.textHash(), w.kind(), w.passages(), Vectors.normalize(sum)));
            }
        }
        return out;
    }

    /** Adds {@code v} into {@code sum} (a new zero vector when null) and returns it. */
    private static float[] add(float[] sum, float[] v) {
        float[] out = sum == null ? new float[v.length] : sum;
        for (int i = 0; i < v.length; i++) {
            out[i] += v[i];
        }
        return out;
    }

    /** The key of the embedding cache: the same text always has the same vector. */
    public static String hash(String text) {
        return ArticleReader.sha256(text.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
