package dev.footnote.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * English analysis (possessives, stop words, Porter stemming) shared by indexing, querying and the answerer,
 * so that a word in a question and in an article reduce to the same term. Question words and auxiliaries are
 * stop words too: "who", "did" or "how" say what kind of answer is wanted, not where it is.
 */
public final class TextAnalysis {

    private static final CharArraySet STOP_WORDS = stopWords();
    private static final Analyzer ANALYZER = new EnglishAnalyzer(STOP_WORDS);

    private TextAnalysis() {
    }

    public static Analyzer analyzer() {
        return ANALYZER;
    }

    /** The analysed terms of {@code text}, in order, with repeats. */
    public static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream ts = ANALYZER.tokenStream(Fields.TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysing a String does no I/O
        }
        return terms;
    }

    public static Set<String> termSet(String text) {
        return new LinkedHashSet<>(terms(text));
    }

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        for (String w : List.of("what", "which", "who", "whom", "whose", "when", "where", "why", "how",
                "do", "does", "did", "done", "has", "have", "had", "having", "been", "being", "am", "were",
                "i", "me", "my", "you", "your", "he", "him", "his", "she", "her", "we", "us", "our", "its",
                "them", "can", "could", "would", "should", "shall", "may", "might", "must", "so", "than", "also",
                "s", "t", "tell", "please", "according", "article", "articles", "mention", "mentioned", "named")) {
            set.add(w);
        }
        return CharArraySet.unmodifiableSet(set);
    }
}
