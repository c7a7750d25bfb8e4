package dev.footnote.answer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import dev.footnote.json.Json;
import dev.footnote.retrieve.RetrievalResult;
import dev.footnote.retrieve.SearchHit;
import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
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
 * another article says nearly word for word is merged into one claim citing both. Every rule that can turn a
 * sentence away is a named {@link Gate}; when none gets through, it refuses, naming the gate and offering the
 * closest passages, rather than quote something loosely related.
 *
 * <p>{@link #draft} is a pipeline: read the question ({@link Asked}), collect the candidate sentences and score
 * them, pass them through the gates, choose the sentences, and make them claims.
 */
public final class ExtractiveAnswerer implements Answerer {

    /**
     * The answerer's knobs, tuned on SQuAD, SciFact train and the project's own set (docs/evaluation.md). Their
     * values are in {@code extractive-answerer.json} beside this class, by name.
     *
     * @param scoring how a candidate sentence is ranked
     * @param gates   the settings of the gates that can turn a sentence away
     * @param choice  which of the sentences that pass make the answer
     */
    public record Settings(Scoring scoring, Gates gates, Choice choice) {

        public static final Settings DEFAULT = read("extractive-answerer.json");

        /**
         * How a candidate sentence is ranked: by its coverage of the question and its context's, its passage's
         * retrieval score and rank, and its similarity to the question.
         *
         * @param sentenceWeight    weight of the sentence's own coverage of the question against its context's
         * @param retrievalWeight   weight of the passage's retrieval score
         * @param rankDecay         how much each lower retrieval rank costs
         * @param supportWeight     weight of the sentence's own coverage in its support; the rest is its passage and
         *                          heading
         * @param similarityFloor   bge-small's cosines run from about 0.5 (unrelated) to 0.85 (the same statement):
         *                          {@code similarityFloor..similarityCeiling} maps them onto 0..1 for ranking
         * @param similarityCeiling see {@code similarityFloor}
         * @param similarityWeight  the weight of that, when vectors were searched
         */
        public record Scoring(double sentenceWeight, double retrievalWeight, double rankDecay, double supportWeight,
                double similarityFloor, double similarityCeiling, double similarityWeight) {
        }

        /** Each gate's settings ({@link Gate}), and when meaning stands in for words ({@link Meaning}). */
        public record Gates(Gate.NamesMissing namesMissing, Gate.OnlyNamesShared onlyNamesShared,
                Gate.UnknownFocus unknownFocus, Gate.SupportTooLow supportTooLow, Gate.AbsentWords absentWords,
                Meaning meaning) {
        }

        /**
         * When a sentence may answer on its meaning though its words cover little of the question: at
         * {@code closeSimilarity} and above (closer than any unanswerable question came in tuning) when its words
         * cover {@code closeSupport}; or as a paraphrase, at {@code paraphraseSimilarity} with
         * {@code paraphraseSupport}, when leaving the words the collection lacks out of the question moves it no
         * closer to the sentence than {@code absentMargin}.
         */
        public record Meaning(double closeSimilarity, double closeSupport, double paraphraseSimilarity,
                double paraphraseSupport, double absentMargin) {
        }

        /**
         * Which of the sentences that pass every gate make the answer.
         *
         * @param keepRatio       further sentences are kept when they score this close to the best
         * @param maxSentences    at most this many sentences in an answer
         * @param mergeSimilarity sentences this alike (word overlap) from different files are merged into one claim
         */
        public record Choice(double keepRatio, int maxSentences, double mergeSimilarity) {
        }

        public Settings withScoring(Scoring scoring) {
            return new Settings(scoring, gates, choice);
        }

        public Settings withGates(Gates gates) {
            return new Settings(scoring, gates, choice);
        }

        public Settings withChoice(Choice choice) {
            return new Settings(scoring, gates, choice);
        }

        /** Reads settings by name, every one required: a missing or misspelt name fails at start-up. */
        static Settings read(String resource) {
            try (InputStream in = Settings.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the answerer's settings " + resource + " are missing");
                }
                return Json.MAPPER.readerFor(Settings.class)
                        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                                DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                                DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
                                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .readValue(in);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read the answerer's settings " + resource + ": " + e.getMessage(), e);
            }
        }
    }

    private static final Pattern NAME = Pattern.compile("\\b\\p{Lu}[\\p{L}\\p{N}'\u2019-]*");
    /** What a demonym adds to its place, as analysed terms ("europ" + "ean", "japan" + "es", "asia" + "n"). */
    private static final Set<String> DEMONYM_ENDINGS = Set.of("n", "an", "ean", "ian", "es", "ish", "i");

    private final Settings settings;
    private final AnswerScore score;
    /** Gates that refuse the question itself, before any sentence is looked at. */
    private final List<Gate> questionGates;
    /** The hard rules about a sentence: a candidate that fails one is not scored. */
    private final List<Gate> sentenceGates;
    /** All of them, in the order a question and its candidates meet them. */
    private final List<Gate> gates;

    public ExtractiveAnswerer() {
        this(Settings.DEFAULT);
    }

    public ExtractiveAnswerer(Settings settings) {
        this(settings, AnswerScore.shipped());
    }

    public ExtractiveAnswerer(Settings settings, AnswerScore score) {
        this.settings = settings;
        this.score = score;
        Settings.Gates g = settings.gates();
        this.questionGates = List.of(new Gate.NoTerms(), new Gate.NoPassages());
        this.sentenceGates = List.of(g.namesMissing(), new Gate.YearsMissing(), new Gate.NumbersMissing(),
                new Gate.NegationMissing(),
                g.onlyNamesShared(), new Gate.AnswerKind(),
                g.unknownFocus(), g.supportTooLow(),
                g.absentWords());
        List<Gate> all = new ArrayList<>(questionGates);
        all.addAll(sentenceGates);
        all.add(new Gate.LowConfidence(score.threshold()));
        this.gates = List.copyOf(all);
    }

    @Override
    public String name() {
        return "extractive";
    }

    /** The gates, in order. */
    public List<Gate> gates() {
        return gates;
    }

    @Override
    public Draft draft(String question, RetrievalResult retrieval) throws IOException {
        Gathered g = gather(question, retrieval, false);
        if (g.refusedBy() != null) {
            return refusal(g.asked(), retrieval, g.refusedBy(), g.rejected());
        }
        Scored best = g.scored().get(0);
        if (best.probability() < score.threshold()) {
            Gate.LowConfidence low = new Gate.LowConfidence(score.threshold());
            return new Draft(false, List.of(), Place.closest(retrieval.hits(), question), name(),
                    new Refusal(low.name(), low.detail(best.probability())), round(best.probability()));
        }
        return new Draft(true, claims(corroborating(question, choose(g.scored()))), List.of(), name(), null,
                round(best.probability()));
    }

    /**
     * The question read, and either the candidates that pass the hard gates, scored, or the gate that refused (with
     * the best candidate it turned away, null for a gate that refuses the question itself).
     */
    private record Gathered(Asked asked, List<Scored> scored, Gate refusedBy, Candidate rejected) {
    }

    /**
     * The steps every answer takes before the score decides: read the question, gather, screen and score. Only the
     * candidates the rules rank within {@code keepRatio} of the first can be chosen, so only those are scored,
     * unless {@code all} (for training).
     */
    private Gathered gather(String question, RetrievalResult retrieval, boolean all) throws IOException {
        Asked asked = new Asked(question, retrieval, settings.gates().meaning());
        for (Gate gate : questionGates) {
            if (gate.refuses(asked)) {
                return new Gathered(asked, List.of(), gate, null);
            }
        }
        Screened screened = screen(candidates(asked, retrieval), asked);
        if (screened.passed().isEmpty()) {
            return screened.refusedBy() == null
                    ? new Gathered(asked, List.of(), new Gate.NoPassages(), null)
                    : new Gathered(asked, List.of(), screened.refusedBy(), screened.rejected());
        }
        List<Candidate> passed = screened.passed();
        double floor = settings.choice().keepRatio() * passed.get(0).score();
        int choosable = all ? passed.size() : (int) passed.stream().takeWhile(c -> c.score() >= floor).count();
        return new Gathered(asked, score(passed, choosable, asked), null, null);
    }

    /** A candidate that passed the hard gates, with its features and the probability the score gives it. */
    @SuppressWarnings("ArrayRecordComponent") // built once per candidate and only read
    record Scored(Candidate candidate, double[] features, double probability) {
    }

    /**
     * The first {@code count} candidates with their probabilities, in the rules' order (best score first). The rules still choose the
     * sentence: ranked by the learned probability instead, SQuAD's train half was answered no better (0.848 of
     * first citations right against 0.846, docs/evaluation.md), and sentences that say the answer less directly
     * came first. The probability decides whether the first one answers at all.
     */
    List<Scored> score(List<Candidate> passed, int count, Asked asked) throws IOException {
        Settings.Scoring sc = settings.scoring();
        // Compared with the best of all that passed, so a candidate's features do not depend on how many are scored.
        AnswerFeatures features = new AnswerFeatures(asked, passed, sc.similarityFloor(), sc.similarityCeiling());
        List<Scored> scored = new ArrayList<>();
        for (Candidate c : passed.subList(0, count)) {
            double[] x = features.of(c);
            scored.add(new Scored(c, x, score.probability(x)));
        }
        return scored;
    }

    /** A candidate the hard gates let through, with the place it stands on and its features. */
    public record Considered(Place place, List<Double> features) {
    }

    /**
     * Every candidate that passes the hard gates for this question, the one an answer would cite first first:
     * what {@code footnote train-answerer} learns from. Empty when a gate refuses the question.
     */
    public List<Considered> considered(String question, RetrievalResult retrieval) throws IOException {
        List<Considered> out = new ArrayList<>();
        for (Scored s : gather(question, retrieval, true).scored()) {
            out.add(new Considered(s.candidate().place(), java.util.Arrays.stream(s.features()).boxed().toList()));
        }
        return out;
    }

    private Draft refusal(Asked asked, RetrievalResult retrieval, Gate gate, Candidate rejected) {
        return Draft.refusal(Place.closest(retrieval.hits(), asked.text()), name(),
                new Refusal(gate.name(), gate.detail(rejected, asked)));
    }

    /**
     * Every sentence of the hits and the passages folded into them, scored, best first. The same sentence can sit
     * in two overlapping passages: it is kept once, with its best context.
     */
    List<Candidate> candidates(Asked q, RetrievalResult retrieval) {
        Settings.Scoring sc = settings.scoring();
        List<SearchHit> hits = retrieval.hits();
        Map<String, Candidate> byPlace = new LinkedHashMap<>();
        for (int rank = 0; rank < hits.size(); rank++) {
            SearchHit hit = hits.get(rank);
            List<Passage> passages = new ArrayList<>();
            passages.add(hit.passage());
            passages.addAll(hit.folded());
            double rankFactor = 1.0 - sc.rankDecay() * rank;
            for (Passage p : passages) {
                String contextText = p.text() + " " + p.heading();
                Set<String> context = Set.copyOf(TextAnalysis.termSet(contextText));
                double pc = coverage(context, q.terms(), q.idf(), q.total());
                double nc = q.namesTotal() == 0
                        ? 1
                        : q.names().stream()
                                .filter(n -> mentions(context, n) || Acronyms.spelledOut(n, contextText))
                                .mapToDouble(q.idf()::get).sum() / q.namesTotal();
                Sentence opening = p.sentences().isEmpty() ? null : p.sentences().get(0);
                for (Sentence s : p.sentences()) {
                    Set<String> sTerms = TextAnalysis.termSet(s.text());
                    double c = coverage(sTerms, q.terms(), q.idf(), q.total());
                    // Identity: the similarities are the hit's own passage's; a folded one gets none, even if equal.
                    @SuppressWarnings("ReferenceEquality")
                    Double sim = p == hit.passage() ? hit.similarityTo(s.text()) : null;
                    double similarity = sim == null ? Double.NaN : sim;
                    double sem = sim == null
                            ? 0
                            : Math.max(0, Math.min(1,
                                    (sim - sc.similarityFloor()) / (sc.similarityCeiling() - sc.similarityFloor())));
                    double score = (sc.sentenceWeight() * c + (1 - sc.sentenceWeight()) * pc) * rankFactor
                            + sc.retrievalWeight() * hit.score() + sc.similarityWeight() * sem;
                    double support = sc.supportWeight() * c + (1 - sc.supportWeight()) * pc;
                    String key = p.file() + ":" + s.startLine() + ":" + s.text();
                    Candidate old = byPlace.get(key);
                    if (old == null || old.score() < score) {
                        @SuppressWarnings("ReferenceEquality")
                        boolean first = s == opening;
                        byPlace.put(key,
                                new Candidate(s, p.file(), contextText, context, sTerms, c, pc, nc, similarity, score,
                                        support, rank, hit.score(), first));
                    }
                }
            }
        }
        List<Candidate> ranked = new ArrayList<>(byPlace.values());
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return ranked;
    }

    /**
     * What the hard gates let through: every candidate that passes them. With nothing through, {@code refusedBy} is
     * the last gate that turned a candidate away and {@code rejected} the best candidate it turned away.
     */
    record Screened(List<Candidate> passed, Gate refusedBy, Candidate rejected) {
    }

    Screened screen(List<Candidate> ranked, Asked q) throws IOException {
        List<Candidate> passed = new ArrayList<>();
        int last = -1; // index in gates of the last gate that turned a candidate away
        Candidate rejected = null;
        for (Candidate c : ranked) {
            Gate failed = firstFailed(sentenceGates, c, q);
            if (failed == null) {
                passed.add(c);
            } else if (passed.isEmpty() && gates.indexOf(failed) > last) {
                last = gates.indexOf(failed);
                rejected = c; // ranked best first: the best this gate turned away
            }
        }
        return passed.isEmpty() && last >= 0
                ? new Screened(List.of(), gates.get(last), rejected)
                : new Screened(passed, null, null);
    }

    private static Gate firstFailed(List<Gate> gates, Candidate c, Asked q) throws IOException {
        for (Gate g : gates) {
            if (!g.passes(c, q)) {
                return g;
            }
        }
        return null;
    }

    /**
     * The answer's sentences: the best, then those after it that end like sentences (a headline may answer on its
     * own, but does not pad out an answer), up to {@code maxSentences}; a sentence said again in another article
     * adds that place to the first one's claim instead.
     */
    private Map<Scored, List<Place>> choose(List<Scored> scored) {
        Settings.Choice choice = settings.choice();
        Scored best = scored.get(0);
        double floor = choice.keepRatio() * best.candidate().score();
        Map<Scored, List<Place>> chosen = new LinkedHashMap<>();
        for (Scored s : scored) {
            if (s.candidate().score() < floor) {
                break;
            }
            if (s.probability() < score.threshold()) {
                continue; // the rules rank it close, but it is not likely to answer
            }
            Candidate c = s.candidate();
            // Identity: the best candidate itself, which answers even as a headline.
            @SuppressWarnings("ReferenceEquality")
            boolean isBest = s == best;
            if (!isBest && !endsLikeSentence(c.sentence().text())) {
                continue;
            }
            Scored twin = chosen.keySet().stream()
                    .filter(o -> TextAnalysis.jaccard(o.candidate().terms(), c.terms()) >= choice.mergeSimilarity())
                    .findFirst().orElse(null);
            if (twin != null) {
                // Said again elsewhere: cite the other place too, unless it is the same place.
                Place place = c.place();
                if (!twin.candidate().file().equals(c.file()) && !chosen.get(twin).contains(place)) {
                    chosen.get(twin).add(place);
                }
                continue;
            }
            if (chosen.size() == choice.maxSentences()) {
                continue; // still look for twins of what was chosen
            }
            chosen.put(s, new ArrayList<>(List.of(c.place())));
        }
        return chosen;
    }

    /**
     * For a question that asks for a name, number or date, only the sentences that give the short answer and
     * those that say it again: a further sentence with another name or none ("a delegation headed by Khalil
     * Al-Hiya" after "its delegation met … Abbas Kamel") pads the answer out without answering.
     */
    static Map<Scored, List<Place>> corroborating(String question, Map<Scored, List<Place>> chosen) {
        ShortAnswer.Kind kind = ShortAnswer.kind(question);
        if (kind == null || chosen.size() < 2) {
            return chosen;
        }
        List<Scored> sentences = List.copyOf(chosen.keySet());
        ShortAnswer.Found found = ShortAnswer.find(question,
                sentences.stream().map(s -> s.candidate().sentence().text()).toList());
        if (found == null) {
            return chosen;
        }
        Map<Scored, List<Place>> kept = new LinkedHashMap<>();
        for (int i = 0; i < sentences.size(); i++) {
            Scored s = sentences.get(i);
            if (i == 0 || i == found.sentence() || ShortAnswer.says(s.candidate().terms(), found.text(), kind)) {
                kept.put(s, chosen.get(s));
            }
        }
        return kept;
    }

    private static List<Claim> claims(Map<Scored, List<Place>> chosen) {
        List<Claim> claims = new ArrayList<>();
        chosen.forEach(
                (s, places) -> claims.add(new Claim(s.candidate().sentence().text(), places, round(s.probability()))));
        return claims;
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
            if (oneEditApart(name, t) || demonymOf(name, t)) {
                return true;
            }
        }
        return false;
    }

    /** "European" of "Europe", "Japanese" of "Japan", "Asian" of "Asia": the people or things of a place named. */
    static boolean demonymOf(String name, String place) {
        return place.length() >= 4 && name.startsWith(place)
                && DEMONYM_ENDINGS.contains(name.substring(place.length()));
    }

    /**
     * Two long words that differ by one letter added, dropped or changed, or two neighbours swapped: a name the
     * question spells another way ("Sigimund" for "Sigismund", "Counil" for "Council") or in another form
     * ("Germany" for "German").
     */
    static boolean oneEditApart(String a, String b) {
        if (Math.min(a.length(), b.length()) < 6 || Math.abs(a.length() - b.length()) > 1
                || a.charAt(0) != b.charAt(0)) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            if (i == a.length()) {
                return true;
            }
            if (a.substring(i + 1).equals(b.substring(i + 1))) {
                return true;
            }
            return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        boolean aLonger = a.length() > b.length();
        String longer = aLonger ? a : b;
        String shorter = aLonger ? b : a;
        return longer.substring(i + 1).equals(shorter.substring(i));
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
