package dev.footnote.answer;

import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import dev.footnote.retrieve.RetrievalResult;
import dev.footnote.retrieve.SearchHit;
import dev.footnote.retrieve.Similarity;
import dev.footnote.retrieve.TermWeights;
import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline answerer: it picks the one to three sentences of the retrieved passages that best cover the
 * question's terms (weighted by how rare each term is), and cites the lines they stand on. A sentence that
 * another article says nearly word for word is merged into one claim citing both. When no sentence covers
 * enough of the question it refuses, offering the closest passages, rather than quote something loosely related;
 * it also refuses when no sentence holds the kind of answer asked for ({@link AnswerType}).
 */
public final class ExtractiveAnswerer implements Answerer {

    /**
     * The answerer's knobs, tuned on SQuAD, SciFact train and the project's own set (docs/evaluation.md).
     *
     * @param minSupport      refuse below this support (sentence and context coverage of the question, 0..1)
     * @param supportWeight   weight of the sentence's own coverage in support; the rest is its passage and heading
     * @param maxAbsentShare  refuse when more than this share of the question's weight is words no passage uses
     * @param minNameCoverage share of the question's capitalised names its passage must mention
     * @param sentenceWeight  in ranking sentences, weight of the sentence's coverage against its context's
     * @param retrievalWeight in ranking sentences, weight of the passage's retrieval score
     * @param rankDecay       in ranking sentences, how much each lower retrieval rank costs
     * @param keepRatio       further sentences are kept when they score this close to the best
     * @param maxSentences    at most this many sentences in an answer
     * @param mergeSimilarity sentences this alike (word overlap) from different files are merged into one claim
     * @param semantic        how the question's cosine similarity to a sentence counts, when vectors were searched
     */
    public record Settings(double minSupport, double supportWeight, double maxAbsentShare, double minNameCoverage,
            double sentenceWeight, double retrievalWeight, double rankDecay, double keepRatio,
            int maxSentences, double mergeSimilarity, Semantic semantic) {
        public static final Settings DEFAULT = new Settings(0.35, 0.6, 0.45, 0.75, 0.6, 0.4, 0.02, 0.85, 3, 0.6,
                Semantic.DEFAULT);
    }

    /**
     * bge-small's cosines run from about 0.5 (unrelated) to 0.85 (the same statement); {@code floor..ceiling}
     * maps them onto 0..1 for ranking, at {@code weight}. A sentence may also answer on its meaning alone
     * when its cosine reaches {@code minSimilarity} and its words still cover {@code minSupport} of the question,
     * or, at {@code closeSimilarity} and above (closer than any unanswerable question came in tuning), when they
     * cover {@code closeSupport}, whatever words of the question the collection lacks. A paraphrase, a question
     * using words the collection never does, is answered by a sentence at {@code paraphraseSimilarity} whose words
     * cover {@code paraphraseSupport}, when leaving those words out of the question moves it no closer to the
     * sentence than {@code absentMargin} (a synonym moves it away; a fact the text lacks, "Which hotel…", closer).
     * For "which X" with no X anywhere in the collection, X must bring the question closer by {@code focusMargin}, or the
     * sentence must name something the question does not.
     */
    public record Semantic(double floor, double ceiling, double weight, double minSimilarity, double minSupport,
            double closeSimilarity, double closeSupport, double paraphraseSimilarity,
            double paraphraseSupport, double absentMargin, double focusMargin) {
        public static final Semantic DEFAULT = new Semantic(0.5, 0.85, 0.5, 0.66, 0.2, 0.75, 0.1,
                0.65, 0.05, 0.0, 0.0);
    }

    private static final Pattern NAME = Pattern.compile("\\b\\p{Lu}[\\p{L}\\p{N}'\u2019-]*");

    private final Settings settings;

    public ExtractiveAnswerer() {
        this(Settings.DEFAULT);
    }

    public ExtractiveAnswerer(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "extractive";
    }

    /**
     * A sentence that could answer: how much of the question it covers on its own ({@code coverage}) and
     * with its passage and heading ({@code contextCoverage}), and whether that context has every name the
     * question asks about.
     */
    private record Candidate(Sentence sentence, String file, Set<String> terms, double coverage,
            double contextCoverage, double nameCoverage, double similarity, double score,
            double support) {
    }

    /** The question with some of its words left out; embedded once, when a candidate first needs it. */
    private static final class Without {
        private final String text;
        private final Similarity similarities;
        private Similarity.Scores similarity;

        Without(String question, Set<String> terms, Similarity similarities) {
            this.text = TextAnalysis.without(question, terms);
            this.similarities = similarities;
        }

        /** How much closer the whole question is to the sentence than the question without those words; NaN if unknown. */
        double gain(Candidate c) throws IOException {
            if (Double.isNaN(c.similarity())) {
                return Double.NaN;
            }
            if (similarity == null) {
                similarity = text.isBlank() ? Similarity.Scores.NONE : similarities.of(text);
            }
            Double without = similarity.to(c.sentence().text());
            return without == null ? Double.NaN : c.similarity() - without;
        }
    }

    @Override
    public Draft draft(String question, RetrievalResult retrieval) throws IOException {
        List<SearchHit> hits = retrieval.hits();
        Set<String> qTerms = TextAnalysis.termSet(question);
        AnswerType type = AnswerType.of(question);
        if (qTerms.isEmpty() || hits.isEmpty()) {
            return Draft.refusal(Place.closest(hits, question), name());
        }
        TermWeights weights = retrieval.weights();
        Map<String, Double> idf = weights.idf();
        double total = weights.total();
        Set<String> names = nameTerms(question);
        names.retainAll(qTerms); // a word analysed alone can differ from the same word in the sentence
        double namesTotal = names.stream().mapToDouble(n -> idf.getOrDefault(n, 0.0)).sum();

        // The same sentence can sit in two overlapping passages: keep it once, with its best context.
        Map<String, Candidate> byPlace = new LinkedHashMap<>();
        for (int rank = 0; rank < hits.size(); rank++) {
            List<Passage> passages = new ArrayList<>();
            passages.add(hits.get(rank).passage());
            passages.addAll(hits.get(rank).folded());
            double rankFactor = 1.0 - settings.rankDecay() * rank;
            for (Passage p : passages) {
                String contextText = p.text() + " " + p.heading();
                Set<String> context = TextAnalysis.termSet(contextText);
                double pc = coverage(context, qTerms, idf, total);
                double nc = namesTotal == 0
                        ? 1
                        : names.stream()
                                .filter(n -> mentions(context, n) || Acronyms.spelledOut(n, contextText))
                                .mapToDouble(idf::get).sum() / namesTotal;
                for (Sentence s : p.sentences()) {
                    Set<String> sTerms = TextAnalysis.termSet(s.text());
                    double c = coverage(sTerms, qTerms, idf, total);
                    // Identity: the similarities are the hit's own passage's; a folded one gets none, even if equal.
                    @SuppressWarnings("ReferenceEquality")
                    Double sim = p == hits.get(rank).passage() ? hits.get(rank).similarityTo(s.text()) : null;
                    double similarity = sim == null ? Double.NaN : sim;
                    Semantic sm = settings.semantic();
                    double sem = sim == null
                            ? 0
                            : Math.max(0, Math.min(1, (sim - sm.floor()) / (sm.ceiling() - sm.floor())));
                    double score = (settings.sentenceWeight() * c + (1 - settings.sentenceWeight()) * pc) * rankFactor
                            + settings.retrievalWeight() * hits.get(rank).score() + sm.weight() * sem;
                    double support = settings.supportWeight() * c + (1 - settings.supportWeight()) * pc;
                    String key = p.file() + ":" + s.startLine() + ":" + s.text();
                    Candidate old = byPlace.get(key);
                    if (old == null || old.score() < score) {
                        byPlace.put(key, new Candidate(s, p.file(), sTerms, c, pc, nc, similarity, score, support));
                    }
                }
            }
        }
        List<Candidate> ranked = new ArrayList<>(byPlace.values());
        ranked.removeIf(
                c -> c.nameCoverage() < settings.minNameCoverage() || !type.admits(c.sentence().text(), question));
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        double absentShare = weights.absent().stream().mapToDouble(idf::get).sum() / total;
        Without withoutAbsent = weights.absent().isEmpty()
                ? null
                : new Without(question, weights.absent(), retrieval.similarity());
        // "Which hotel…" asked of a collection that never says hotel: only a sentence that names something new
        // (a hotel's name) or that the word "hotel" brings the question closer to (a synonym) can answer it.
        if (type.focus() != null && weights.absent().contains(type.focus())) {
            Without withoutFocus = weights.absent().size() == 1
                    ? withoutAbsent
                    : new Without(question, Set.of(type.focus()), retrieval.similarity());
            List<Candidate> kept = new ArrayList<>();
            for (Candidate c : ranked) {
                double gain = withoutFocus.gain(c); // NaN without vectors: no way to judge, keep
                if (namesSomethingNew(c.sentence().text(), qTerms) || Double.isNaN(gain)
                        || gain >= settings.semantic().focusMargin()) {
                    kept.add(c);
                }
            }
            ranked = kept;
        }
        // Answer from the best sentence that is supported; refuse when none covers enough of the question, when no
        // passage names what the question names, when none holds the kind of answer asked for, or when much of
        // the question is words the collection never uses and they do not mean what the sentence says.
        int first = 0;
        while (first < ranked.size() && !supported(ranked.get(first), absentShare, withoutAbsent)) {
            first++;
        }
        if (first == ranked.size()) {
            return Draft.refusal(Place.closest(hits, question), name());
        }
        Candidate best = ranked.get(first);

        List<Candidate> chosen = new ArrayList<>();
        Map<Candidate, List<Place>> places = new HashMap<>();
        for (Candidate c : ranked.subList(first, ranked.size())) {
            if (c.score() < settings.keepRatio() * best.score() || !supported(c, absentShare, withoutAbsent)) {
                break;
            }
            // Identity: the best candidate itself, which answers even as a headline.
            @SuppressWarnings("ReferenceEquality")
            boolean isBest = c == best;
            if (!isBest && !endsLikeSentence(c.sentence().text())) {
                continue; // a headline may answer on its own, but does not pad out an answer
            }
            Candidate twin = chosen.stream()
                    .filter(o -> TextAnalysis.jaccard(o.terms(), c.terms()) >= settings.mergeSimilarity())
                    .findFirst().orElse(null);
            if (twin != null) {
                // Said again elsewhere: cite the other place too, unless it is the same place.
                Place place = placeOf(c);
                if (!twin.file().equals(c.file()) && !places.get(twin).contains(place)) {
                    places.get(twin).add(place);
                }
                continue;
            }
            if (chosen.size() == settings.maxSentences()) {
                continue; // still look for twins of what was chosen
            }
            chosen.add(c);
            places.put(c, new ArrayList<>(List.of(placeOf(c))));
        }
        List<Claim> claims = new ArrayList<>();
        for (Candidate c : chosen) {
            // Scores run 0..1: coverage plus the shares of retrieval and similarity, scaled back.
            double scale = 1 + settings.retrievalWeight()
                    + (Double.isNaN(c.similarity()) ? 0 : settings.semantic().weight());
            claims.add(new Claim(c.sentence().text(), places.get(c), round(c.score() / scale)));
        }
        return new Draft(true, claims, List.of(), name());
    }

    /**
     * Whether a sentence answers: its words cover enough of the question, or, when vectors were searched,
     * its meaning is close enough while its words still anchor it; in either case most of the question must
     * be words the collection uses.
     */
    private boolean supported(Candidate c, double absentShare, Without withoutAbsent) throws IOException {
        boolean lexical = c.support() >= settings.minSupport() && absentShare <= settings.maxAbsentShare();
        Semantic sm = settings.semantic();
        boolean semantic = !Double.isNaN(c.similarity()) && c.similarity() >= sm.minSimilarity()
                && c.support() >= sm.minSupport() && absentShare <= settings.maxAbsentShare();
        boolean close = !Double.isNaN(c.similarity()) && c.similarity() >= sm.closeSimilarity()
                && c.support() >= sm.closeSupport();
        if (lexical || semantic || close) {
            return true;
        }
        // A paraphrase: the question uses words the collection never does, the sentence is close in meaning,
        // and those words bring the question closer to it rather than away (synonyms, not a missing fact).
        return withoutAbsent != null && !Double.isNaN(c.similarity()) && c.similarity() >= sm.paraphraseSimilarity()
                && c.support() >= sm.paraphraseSupport() && withoutAbsent.gain(c) >= -sm.absentMargin();
    }

    /**
     * Whether the sentence names something the question does not (past its first word): "Which town…" is
     * answered by a sentence that names a place, whether or not it says "town".
     */
    static boolean namesSomethingNew(String sentence, Set<String> qTerms) {
        for (String name : nameTerms(sentence)) {
            if (!qTerms.contains(name)
                    && qTerms.stream().noneMatch(q -> q.length() >= 4 && (name.startsWith(q) || q.startsWith(name)))) {
                return true;
            }
        }
        return false;
    }

    /** A name is mentioned as itself or as the start of a longer word: "Egypt" in "Egyptian", "Israel" in "Israeli". */
    static boolean mentions(Set<String> context, String name) {
        if (context.contains(name)) {
            return true;
        }
        if (name.length() < 4) {
            return false;
        }
        for (String t : context) {
            if (t.length() > name.length() && t.startsWith(name)) {
                return true;
            }
        }
        return false;
    }

    /** Analysed terms of the capitalised words after the first word: the names the question is about. */
    static Set<String> nameTerms(String question) {
        Set<String> names = new HashSet<>();
        Matcher m = NAME.matcher(question.strip());
        boolean first = true;
        while (m.find()) {
            if (first && m.start() == 0) {
                first = false;
                continue;
            }
            first = false;
            names.addAll(TextAnalysis.terms(m.group()));
        }
        return names;
    }

    private static boolean endsLikeSentence(String text) {
        return text.strip().matches("(?s).*[.!?\u2026][\"'\u201d\u2019)\\]]*$");
    }

    private static Place placeOf(Candidate c) {
        return new Place(c.file(), c.sentence().startLine(), c.sentence().endLine());
    }

    static double coverage(Set<String> terms, Set<String> qTerms, Map<String, Double> idf, double total) {
        if (total <= 0) {
            return 0;
        }
        double covered = 0;
        for (String t : qTerms) {
            if (terms.contains(t)) {
                covered += idf.get(t);
            }
        }
        return covered / total;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
