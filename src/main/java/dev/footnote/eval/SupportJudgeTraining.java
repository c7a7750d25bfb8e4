package dev.footnote.eval;

import dev.footnote.answer.SupportJudge;
import dev.footnote.corpus.ArticleReader;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.PassageBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the support judge's model on pairs made from public text ({@link SupportPairs}) and measures it on pairs
 * from articles it never saw.
 *
 * <p>The text: the SQuAD v1.1 articles of the train half of the split {@code eval --split} uses
 * ({@link QuestionSplit}), and the SciFact abstracts that TRAIN claims cite and no test claim does (the test claims
 * are read only to leave their abstracts out). Articles, not pairs, are held back, so that no sentence of a
 * held-back article is seen in training. Tribuo's logistic regression (SGD with AdaGrad, seeded) learns the
 * weights; they are written as JSON for {@link SupportJudge} to apply, after checking that the plain-Java
 * probability is Tribuo's own. The threshold is the lowest at which the accepted training pairs reach the given
 * precision.
 */
public final class SupportJudgeTraining {

    private static final String YES = "supported";
    private static final String NO = "unsupported";

    /** Where the text is, how to split and train it. */
    public record Settings(Path squad, Path scifact, long seed, long splitSeed, double holdout, double precision,
            int epochs) {
    }

    /** A trained model, its figures on the held-back pairs, and the cost of one judgement. */
    public record Result(SupportJudge.Model model, Report report, List<Ablation> ablations, Cost cost,
            int trainArticles, int heldArticles, int trainPairs, int heldPairs) {
    }

    /** Per kind of pair: how many, and how many the judge accepted. */
    public record Report(Map<SupportPairs.Kind, int[]> byKind, double falseAcceptance, double falseRejection,
            double brier) {
    }

    /** The judge with some hard rules left out, its own model trained the same way. */
    public record Ablation(String rules, double threshold, double falseAcceptance, double falseRejection,
            Map<SupportPairs.Kind, Double> acceptedByKind) {
    }

    /** Median microseconds of judging one sentence against an analysed passage, and of analysing a passage. */
    public record Cost(double judgeMicros, double passageMicros, int calls) {
    }

    private final Settings settings;
    private final Consumer<String> log;

    public SupportJudgeTraining(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    /** A judged pair: the pair and the judge's verdict under the untrained model (features and broken rules). */
    record Judged(SupportPairs.Pair pair, SupportJudge.Verdict verdict) {
    }

    public Result run() throws IOException {
        Map<String, List<Passage>> articles = new LinkedHashMap<>();
        // The train half of the split eval --split uses, so that nothing of the reported half is trained on.
        Set<String> trainHalf = new QuestionSplit(settings.splitSeed())
                .trainArticles(QuestionSet.read(settings.squad().resolve("questions.jsonl")));
        for (Path p : list(settings.squad().resolve("articles"))) {
            if (trainHalf.contains(p.getFileName().toString())) {
                articles.put("squad/" + p.getFileName(), passages(p));
            }
        }
        for (String file : scifactTrainAbstracts()) {
            articles.put("scifact/" + file, passages(settings.scifact().resolve("articles").resolve(file)));
        }
        List<String> train = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (String a : articles.keySet()) {
            (heldBack(a) ? held : train).add(a);
        }
        log.accept("articles: " + train.size() + " for training, " + held.size() + " held back");
        List<Judged> trainPairs = judged(pairs(articles, train, settings.seed()));
        List<Judged> heldPairs = judged(pairs(articles, held, settings.seed() + 1));
        log.accept("pairs: " + trainPairs.size() + " for training, " + heldPairs.size() + " held back");

        EnumSet<SupportJudge.Rule> all = EnumSet.allOf(SupportJudge.Rule.class);
        SupportJudge.Model model = train(trainPairs, all);
        SupportJudge judge = SupportJudge.of(model, all);
        Report report = report(heldPairs, judge, all);
        List<Ablation> ablations = new ArrayList<>();
        List<Set<SupportJudge.Rule>> variants = new ArrayList<>();
        variants.add(all);
        for (SupportJudge.Rule r : SupportJudge.Rule.values()) {
            EnumSet<SupportJudge.Rule> without = EnumSet.copyOf(all);
            without.remove(r);
            variants.add(without);
        }
        variants.add(EnumSet.noneOf(SupportJudge.Rule.class));
        for (Set<SupportJudge.Rule> rules : variants) {
            SupportJudge.Model m = rules.equals(all) ? model : train(trainPairs, rules);
            Report r = report(heldPairs, SupportJudge.of(m, rules), rules);
            Map<SupportPairs.Kind, Double> byKind = new LinkedHashMap<>();
            r.byKind().forEach((k, n) -> byKind.put(k, n[0] == 0 ? Double.NaN : (double) n[1] / n[0]));
            ablations.add(new Ablation(rules.isEmpty() ? "none" : rules.toString().toLowerCase(Locale.ROOT),
                    m.threshold(), r.falseAcceptance(), r.falseRejection(), byKind));
        }
        return new Result(model, report, ablations, cost(heldPairs, judge), train.size(), held.size(),
                trainPairs.size(), heldPairs.size());
    }

    /** Whether an article is held back: a draw seeded by the seed and the article's name, so fixed for both. */
    private boolean heldBack(String article) {
        return new Random(settings.seed() * 31 + article.hashCode()).nextDouble() < settings.holdout();
    }

    private List<SupportPairs.Pair> pairs(Map<String, List<Passage>> articles, List<String> names, long seed) {
        List<Passage> all = names.stream().flatMap(n -> articles.get(n).stream()).toList();
        SupportPairs maker = new SupportPairs(SupportPairs.Pool.of(all), seed);
        List<SupportPairs.Pair> out = new ArrayList<>();
        for (String n : names) {
            out.addAll(maker.pairs(n, articles.get(n), 1));
        }
        return out;
    }

    private static List<Judged> judged(List<SupportPairs.Pair> pairs) {
        SupportJudge probe = SupportJudge.of(untrained(), Set.of());
        return pairs.stream().map(p -> new Judged(p,
                probe.judge(p.claim(), SupportJudge.evidence(p.sentences(), p.heading())))).toList();
    }

    private static SupportJudge.Model untrained() {
        return new SupportJudge.Model(SupportJudge.FEATURES,
                SupportJudge.FEATURES.stream().map(f -> 0.0).toList(), 0, 0.5, 0, "nothing");
    }

    /**
     * Trains on the pairs the hard rules let through (the rest they reject whatever the model says), and chooses
     * the threshold on all training pairs.
     */
    SupportJudge.Model train(List<Judged> pairs, Set<SupportJudge.Rule> rules) {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("support pairs", labels),
                labels);
        String[] names = SupportJudge.FEATURES.toArray(String[]::new);
        List<Judged> passing = pairs.stream()
                .filter(j -> j.verdict().broken().stream().noneMatch(rules::contains)).toList();
        for (Judged j : passing) {
            data.add(example(j, names));
        }
        Logistic fit = Logistic.train(data, YES, NO, names, settings.epochs(), settings.seed());
        LinearSGDModel tribuo = fit.model();
        List<Double> weights = fit.weights();
        SupportJudge.Model plain = new SupportJudge.Model(SupportJudge.FEATURES, weights,
                fit.bias(), 0.5, 0, "");
        SupportJudge judge = SupportJudge.of(plain, rules);
        double gap = 0;
        for (Judged j : passing.subList(0, Math.min(200, passing.size()))) {
            Prediction<Label> p = tribuo.predict(example(j, names));
            double theirs = p.getOutputScores().get(YES).getScore();
            double ours = judge.judge(j.pair().claim(),
                    SupportJudge.evidence(j.pair().sentences(), j.pair().heading())).probability();
            gap = Math.max(gap, Math.abs(theirs - ours));
        }
        if (gap > 1e-6) {
            throw new IllegalStateException("the exported weights give other probabilities than Tribuo's: " + gap);
        }
        double threshold = threshold(pairs, plain, rules);
        double precision = precision(pairs, plain, rules, threshold);
        return new SupportJudge.Model(SupportJudge.FEATURES, weights.stream().map(SupportJudgeTraining::round).toList(),
                round(plain.bias()), round(threshold), round(precision),
                "SQuAD v1.1 (training side) and SciFact train: " + pairs.size() + " pairs, seed " + settings.seed());
    }

    private static double round(double d) {
        return Math.round(d * 1e6) / 1e6;
    }

    private static Example<Label> example(Judged j, String[] names) {
        return new ArrayExample<>(new Label(j.pair().supported() ? YES : NO), names, j.verdict().values());
    }

    private static double probability(SupportJudge.Model m, double[] x) {
        double z = m.bias();
        for (int i = 0; i < x.length; i++) {
            z += m.weights().get(i) * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** The lowest threshold whose accepted training pairs are at least {@code precision} supported. */
    private double threshold(List<Judged> pairs, SupportJudge.Model m, Set<SupportJudge.Rule> rules) {
        // The pairs the rules let through, by probability: lowering the threshold accepts them from the top.
        List<double[]> scored = new ArrayList<>();
        for (Judged j : pairs) {
            if (j.verdict().broken().stream().noneMatch(rules::contains)) {
                scored.add(new double[]{probability(m, j.verdict().values()), j.pair().supported() ? 1 : 0});
            }
        }
        scored.sort((a, b) -> Double.compare(b[0], a[0]));
        double best = 1;
        int accepted = 0;
        int right = 0;
        for (int i = 0; i < scored.size(); i++) {
            accepted++;
            right += (int) scored.get(i)[1];
            boolean last = i + 1 == scored.size() || scored.get(i + 1)[0] < scored.get(i)[0];
            if (last && (double) right / accepted >= settings.precision()) {
                best = scored.get(i)[0];
            }
        }
        return best;
    }

    private static double precision(List<Judged> pairs, SupportJudge.Model m, Set<SupportJudge.Rule> rules,
            double t) {
        int accepted = 0;
        int right = 0;
        for (Judged j : pairs) {
            if (j.verdict().broken().stream().noneMatch(rules::contains)
                    && probability(m, j.verdict().values()) >= t) {
                accepted++;
                if (j.pair().supported()) {
                    right++;
                }
            }
        }
        return accepted == 0 ? 1 : (double) right / accepted;
    }

    private static Report report(List<Judged> pairs, SupportJudge judge, Set<SupportJudge.Rule> rules) {
        Map<SupportPairs.Kind, int[]> byKind = new LinkedHashMap<>();
        for (SupportPairs.Kind k : SupportPairs.Kind.values()) {
            byKind.put(k, new int[2]);
        }
        int supported = 0;
        int rejected = 0;
        int unsupported = 0;
        int accepted = 0;
        double brier = 0;
        for (Judged j : pairs) {
            double p = probability(judge.model(), j.verdict().values());
            boolean ok = SupportJudge.accepts(
                    new SupportJudge.Verdict(p, false, j.verdict().broken(), j.verdict().features()), rules,
                    judge.model().threshold());
            int[] n = byKind.get(j.pair().kind());
            n[0]++;
            n[1] += ok ? 1 : 0;
            // The probability a sentence is given: zero when a hard rule rejects it.
            double given = j.verdict().broken().stream().anyMatch(rules::contains) ? 0 : p;
            brier += Math.pow(given - (j.pair().supported() ? 1 : 0), 2);
            if (j.pair().supported()) {
                supported++;
                rejected += ok ? 0 : 1;
            } else {
                unsupported++;
                accepted += ok ? 1 : 0;
            }
        }
        return new Report(byKind, unsupported == 0 ? 0 : (double) accepted / unsupported,
                supported == 0 ? 0 : (double) rejected / supported, brier / Math.max(1, pairs.size()));
    }

    /** Times judging each held-back pair, and analysing its passage, one call at a time; medians. */
    private static Cost cost(List<Judged> pairs, SupportJudge judge) {
        int n = Math.min(5000, pairs.size());
        long[] judging = new long[n];
        long[] analysing = new long[n];
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            for (int i = 0; i < n; i++) {
                SupportPairs.Pair p = pairs.get(i).pair();
                long t0 = System.nanoTime();
                SupportJudge.Evidence e = SupportJudge.evidence(p.sentences(), p.heading());
                long t1 = System.nanoTime();
                judge.judge(p.claim(), e);
                long t2 = System.nanoTime();
                analysing[i] = t1 - t0;
                judging[i] = t2 - t1;
            }
        }
        return new Cost(median(judging) / 1000.0, median(analysing) / 1000.0, n);
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0 ? 0 : v[v.length / 2];
    }

    private Set<String> scifactTrainAbstracts() throws IOException {
        Set<String> train = new LinkedHashSet<>();
        for (Question q : QuestionSet.read(settings.scifact().resolve("questions-train.jsonl"))) {
            q.gold().forEach(g -> train.add(g.file()));
        }
        Path test = settings.scifact().resolve("questions-test.jsonl");
        if (Files.exists(test)) {
            for (Question q : QuestionSet.read(test)) {
                q.gold().forEach(g -> train.remove(g.file()));
            }
        }
        return train;
    }

    private static List<Passage> passages(Path file) throws IOException {
        return new PassageBuilder().build(new ArticleReader().read(file, file.getFileName().toString()));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
    }
}
