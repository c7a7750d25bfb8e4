package dev.footnote.answer;

import dev.footnote.retrieve.RetrievalResult;
import dev.footnote.retrieve.Similarity;
import dev.footnote.retrieve.TermWeights;
import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question as the extractive answerer reads it: its terms and how much each weighs, the names it asks about,
 * the kind of answer it wants, the share of it that is words the collection never uses, and how other wordings
 * of it compare in meaning with the retrieved sentences. Made once per question; the {@link Gate}s read it.
 */
public final class Asked {

    /** A question's opening: a question word, or an auxiliary verb that starts a yes/no question. */
    private static final Pattern QUESTION_START = Pattern.compile("(?i)\\s*(\\p{Punct}\\s*)?(who|whom|whose|what|"
            + "when|where|which|why|how|in what|in which|is|are|was|were|do|does|did|can|could|has|have|had|will|"
            + "would|should)\\b");

    private static final Pattern HOW = Pattern.compile("(?i)\\bhow\\s+(\\p{L}+)");

    private final String text;
    private final Set<String> terms;
    private final AnswerType type;
    private final TermWeights weights;
    private final Set<String> names;
    private final List<String> numbers;
    private final List<String> years;
    private final Set<String> quantities;
    private final Set<String> rest;
    private final boolean claim;
    private final String negation;
    private final double namesTotal;
    private final double absentShare;
    private final double total;
    private final int hits;
    private final Similarity similarity;
    private final ExtractiveAnswerer.Settings.Meaning meaning;
    /** Each wording of the question against the hits, embedded once, when a candidate first needs it. */
    private final Map<String, Similarity.Scores> wordings = new HashMap<>();

    Asked(String text, RetrievalResult retrieval, ExtractiveAnswerer.Settings.Meaning meaning) {
        this.text = text;
        this.terms = TextAnalysis.termSet(text);
        this.type = AnswerType.of(text);
        this.weights = retrieval.weights();
        this.hits = retrieval.hits().size();
        this.similarity = retrieval.similarity();
        this.meaning = meaning;
        this.names = ExtractiveAnswerer.nameTerms(text);
        names.retainAll(terms); // a word analysed alone can differ from the same word in the sentence
        this.numbers = terms.stream().filter(t -> t.chars().anyMatch(Character::isDigit)).sorted().toList();
        this.years = numbers.stream().filter(NumberForms::isYear).toList();
        this.quantities = NumberForms.values(numbers.stream().filter(t -> !years.contains(t)).toList());
        this.claim = !text.contains("?") && !QUESTION_START.matcher(text).lookingAt();
        this.negation = Negations.in(text);
        Set<String> others = new HashSet<>(terms);
        others.removeAll(names);
        others.removeAll(numbers);
        others.remove(type.focus());
        // "How old", "how long", "how far": the word after "how" says what kind of answer, as a focus word does.
        Matcher how = HOW.matcher(text);
        while (how.find()) {
            others.removeAll(TextAnalysis.terms(how.group(1)));
        }
        this.rest = Set.copyOf(others);
        this.namesTotal = names.stream().mapToDouble(n -> weights.idf().getOrDefault(n, 0.0)).sum();
        this.total = weights.total();
        this.absentShare = weights.absent().stream().mapToDouble(weights.idf()::get).sum() / total;
    }

    public String text() {
        return text;
    }

    /** The question's analysed terms. */
    public Set<String> terms() {
        return terms;
    }

    public AnswerType type() {
        return type;
    }

    /** How informative each term is (BM25 idf over the passages). */
    public Map<String, Double> idf() {
        return weights.idf();
    }

    /** The weight of all the question's terms. */
    public double total() {
        return total;
    }

    /** The question's terms that no passage of the collection has. */
    public Set<String> absent() {
        return weights.absent();
    }

    /** The share of the question's weight that is words no passage has. */
    public double absentShare() {
        return absentShare;
    }

    /** The question's terms besides its names, numbers and the word it asks for ("profession" in "What profession…"). */
    public Set<String> rest() {
        return rest;
    }

    /** The analysed terms of the names the question asks about. */
    public Set<String> names() {
        return names;
    }

    /** The question's numbers and years, as analysed terms. */
    public List<String> numbers() {
        return numbers;
    }

    /** The values of the numbers the question writes in digits, years left out ({@link NumberForms}). */
    public Set<String> quantities() {
        return quantities;
    }

    /**
     * Whether this is a statement to check ("10% of SIDS deaths happen in newborns…") rather than a question: the
     * passage that refutes it is as much the answer as the one that confirms it, numbers changed or not.
     */
    public boolean claim() {
        return claim;
    }

    /** The question's first negating word ("doesn't", "never"), or null: it asks what is not so. */
    String negation() {
        return negation;
    }

    /** The question's years (1000 to 2099). */
    public List<String> years() {
        return years;
    }

    /** The weight of the question's names. */
    public double namesTotal() {
        return namesTotal;
    }

    /** How many passages were retrieved. */
    public int hits() {
        return hits;
    }

    /**
     * Whether the candidate is so close in meaning to the question (closer than any unanswerable question came in
     * tuning) that few of its words need to match, whatever words of the question the collection lacks.
     */
    public boolean closeInMeaning(Candidate c) {
        return c.hasSimilarity() && c.similarity() >= meaning.closeSimilarity()
                && c.support() >= meaning.closeSupport();
    }

    /**
     * Whether the candidate answers a paraphrase: the question uses words the collection never does, the sentence
     * is close in meaning, and leaving those words out of the question moves it no closer to the sentence than
     * the margin allows (a synonym moves it away; a fact the text lacks, "Which hotel…", closer).
     */
    public boolean paraphrasedBy(Candidate c) throws IOException {
        return !absent().isEmpty() && c.hasSimilarity() && c.similarity() >= meaning.paraphraseSimilarity()
                && c.support() >= meaning.paraphraseSupport() && gainOf(absent(), c) >= -meaning.absentMargin();
    }

    /**
     * How much closer the whole question is to the candidate than the question without {@code words}; NaN when
     * that is not known (no vectors).
     */
    public double gainOf(Set<String> words, Candidate c) throws IOException {
        if (!c.hasSimilarity()) {
            return Double.NaN;
        }
        String wording = TextAnalysis.without(text, words);
        Similarity.Scores scores = wordings.get(wording);
        if (scores == null) {
            scores = wording.isBlank() ? Similarity.Scores.NONE : similarity.of(wording);
            wordings.put(wording, scores);
        }
        Double without = scores.to(c.sentence().text());
        return without == null ? Double.NaN : c.similarity() - without;
    }

    /**
     * The words of the question, as written, whose analysed terms are among {@code analysed}; words side by side
     * make one phrase ("World Cup").
     */
    public List<String> wordsFor(Set<String> analysed) {
        Set<String> phrases = new LinkedHashSet<>();
        StringBuilder run = new StringBuilder();
        for (String word : text.split("\\s+", -1)) {
            String bare = bare(word);
            boolean wanted = !bare.isEmpty() && TextAnalysis.termSet(bare).stream().anyMatch(analysed::contains);
            if (wanted) {
                run.append(run.isEmpty() ? "" : " ").append(bare);
            }
            // A phrase ends at a word not wanted, or at punctuation after the word: "Doha, Cairo".
            if (!wanted || !word.endsWith(bare)) {
                if (!run.isEmpty()) {
                    phrases.add(run.toString());
                }
                run.setLength(0);
            }
        }
        if (!run.isEmpty()) {
            phrases.add(run.toString());
        }
        return List.copyOf(phrases);
    }

    /** A word without the punctuation around it or a possessive: "Qatar's?" is "Qatar". */
    private static String bare(String word) {
        return word.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "").replaceAll("['\u2019]s$", "");
    }
}
