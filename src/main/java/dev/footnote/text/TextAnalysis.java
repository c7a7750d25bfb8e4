package dev.footnote.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * English analysis (possessives, accents folded, stop words, Porter stemming) shared by indexing, querying and the answerer,
 * so that a word in a question and in an article reduce to the same term. Question words and auxiliaries are
 * stop words too: "who", "did" or "how" say what kind of answer is wanted, not where it is.
 */
public final class TextAnalysis {

    private static final CharArraySet STOP_WORDS = stopWords();
    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new EnglishPossessiveFilter(source);
            result = new LowerCaseFilter(result);
            result = new ASCIIFoldingFilter(result); // "Beyoncé" and "Beyonce" are one word
            result = new StopFilter(result, STOP_WORDS);
            result = new PorterStemFilter(result);
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    };

    private TextAnalysis() {
    }

    public static Analyzer analyzer() {
        return ANALYZER;
    }

    /** The analysed terms of {@code text}, in order, with repeats. */
    public static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream ts = ANALYZER.tokenStream("text", text)) {
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

    /** How alike two term sets are: shared terms over all terms (1 for two empty sets). */
    public static double jaccard(Set<String> a, Set<String> b) {
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

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        for (String w : List.of("what", "which", "who", "whom", "whose", "when", "where", "why", "how",
                "do", "does", "did", "done", "has", "have", "had", "having", "been", "being", "am", "were",
                "i", "me", "my", "you", "your", "he", "him", "his", "she", "her", "we", "our", "its", "many", "much",
                "them", "can", "could", "would", "should", "shall", "may", "might", "must", "so", "than", "also",
                "s", "t", "tell", "please", "according", "article", "articles", "mention", "mentioned", "named")) {
            set.add(w);
        }
        return CharArraySet.unmodifiableSet(set);
    }

    /** The stop words, sorted: a SolrCloud collection's stopwords.txt is written from them. */
    public static List<String> stopWordList() {
        List<String> words = new ArrayList<>();
        for (Object w : STOP_WORDS) {
            words.add(w instanceof char[] chars ? new String(chars) : String.valueOf(w));
        }
        java.util.Collections.sort(words);
        return words;
    }

    /** {@code text} without the words whose analysed terms are in {@code terms}, the rest kept as written. */
    public static String without(String text, Set<String> terms) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split("\\s+", -1)) {
            if (word.isEmpty() || termSet(word).stream().anyMatch(terms::contains)) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }
}
