package dev.footnote.index;

import dev.footnote.corpus.ArticleReader;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A text that gets a vector: a distinct sentence of a file, a heading, or a whole passage with its heading.
 * Overlapping passages share sentences, so each sentence is embedded once and knows every passage (by ordinal
 * in its file) it stands in. Sentences let the answerer pick the sentence that answers; whole passages let
 * retrieval match a question that spans sentences.
 */
public record Unit(String text, String textHash, Kind kind, List<Integer> passages, float[] vector) {

    public enum Kind { SENTENCE, HEADING, PASSAGE }

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
        return units;
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

    /** The key of the embedding cache: the same text always has the same vector. */
    public static String hash(String text) {
        return ArticleReader.sha256(text.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
