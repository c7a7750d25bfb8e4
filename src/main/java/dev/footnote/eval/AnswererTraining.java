package dev.footnote.eval;

import dev.footnote.answer.AnswerFeatures;
import dev.footnote.answer.AnswerScore;
import dev.footnote.answer.ExtractiveAnswerer;
import dev.footnote.answer.Place;
import dev.footnote.retrieve.RetrievalResult;
import dev.footnote.retrieve.Retriever;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the extractive answerer's answerability score ({@link AnswerScore}) on questions asked of real indexes.
 * Each question is retrieved and its candidate sentences gathered exactly as an answer would gather them
 * ({@link ExtractiveAnswerer#considered}); a candidate is labelled right when its lines overlap a gold place of an
 * answerable question, and every candidate of an unanswerable one is labelled wrong. Each candidate is also added
 * as it would look without vectors (the similarity features blanked), so that one model serves BM25 retrieval too.
 * Tribuo's logistic regression (SGD with AdaGrad, seeded) learns the weights, checked to give Tribuo's own
 * probabilities in plain Java. The threshold is the lowest at which the training questions answered reach the
 * stated precision: answered right (first citation on a gold place) over all answered, unanswerable ones included.
 */
public final class AnswererTraining {

    private static final String RIGHT = "right";
    private static final String WRONG = "wrong";
    /** The features a search without vectors leaves at their blank values. */
    private static final Map<String, Double> WITHOUT_VECTORS = Map.of("similarity", 0.0, "no_similarity", 1.0,
            "similarity_gap", 0.0, "close_in_meaning", 0.0, "paraphrase", 0.0);

    /**
     * How many candidates an answer looks at, and how the model is trained; {@code candidatesOut}, when not null,
     * is where every candidate's features and label are written as tab-separated values, for study outside.
     */
    public record Settings(int topK, int depth, long seed, int epochs, double precision, Path candidatesOut) {
    }

    /** A set of questions asked of one collection. */
    public record Source(String name, Retriever retriever, Set<String> collection, List<Question> questions) {
    }

    /** One question's candidates: each one's features and whether it is right. */
    record Trial(String source, Question question, List<double[]> features, List<Boolean> right, List<Place> places) {
    }

    /** The trained score and its figures on the training questions, per source and per kind of question. */
    public record Result(AnswerScore score, int questions, int rows, Map<String, Figures> figures,
            List<Tradeoff> tradeoffs) {
    }

    /** At another stated precision: the threshold it gives and the figures on the training questions. */
    public record Tradeoff(double precision, double threshold, Figures answerable, Figures unanswerable,
            Figures swapped) {
    }

    /**
     * On one group of training questions at the chosen threshold: of the answerable, the share whose likeliest
     * candidate is right when all are answered ({@code ranked}), answered right, and refused; of the
     * unanswerable, the share refused.
     */
    public record Figures(int answerable, double ranked, double rankedByScore, double citationAccuracy,
            double falseRefusals, int unanswerable, double refused) {
    }

    private final Settings settings;
    private final Consumer<String> log;

    public AnswererTraining(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    public Result run(List<Source> sources) throws IOException {
        ExtractiveAnswerer answerer = new ExtractiveAnswerer();
        List<Trial> asked = new ArrayList<>();
        for (Source s : sources) {
            long t0 = System.nanoTime();
            for (Question q : s.questions()) {
                asked.add(ask(answerer, s, q));
            }
            log.accept(String.format("%s: %d questions asked in %.0f s", s.name(), s.questions().size(),
                    (System.nanoTime() - t0) / 1e9));
        }
        if (settings.candidatesOut() != null) {
            writeCandidates(asked, settings.candidatesOut());
        }
        AnswerScore trained = train(asked);
        double threshold = threshold(asked, trained, settings.precision());
        AnswerScore score = new AnswerScore(trained.features(),
                trained.weights().stream().map(AnswererTraining::round).toList(), round(trained.bias()),
                round(threshold), round(precision(asked, trained, threshold)),
                "SQuAD v1.1 train half, its generated unanswerable questions and SciFact train: " + asked.size()
                        + " questions, seed " + settings.seed());
        Map<String, Figures> figures = new LinkedHashMap<>();
        figures.put("all", figures(asked, score));
        for (Source s : sources) {
            figures.put(s.name(), figures(asked.stream().filter(a -> a.source().equals(s.name())).toList(), score));
        }
        Set<String> kinds = new TreeSet<>();
        asked.forEach(a -> {
            if (a.question().perturbation() != null) {
                kinds.add(a.question().perturbation());
            }
        });
        for (String k : kinds) {
            figures.put(k, figures(asked.stream().filter(a -> k.equals(a.question().perturbation())).toList(), score));
        }
        int rows = asked.stream().mapToInt(a -> a.features().size()).sum();
        List<Tradeoff> tradeoffs = new ArrayList<>();
        // The first source's answerable questions (SQuAD's): SciFact's claims answer at another rate.
        List<Trial> answerable = asked.stream()
                .filter(a -> a.question().answerable() && a.source().equals(sources.get(0).name())).toList();
        List<Trial> unanswerable = asked.stream().filter(a -> !a.question().answerable()).toList();
        for (double p = 0.70; p < 0.905; p += 0.02) {
            double t = threshold(asked, trained, p);
            AnswerScore at = trained.withThreshold(t);
            tradeoffs.add(new Tradeoff(round(p), round(t), figures(answerable, at), figures(unanswerable, at),
                    figures(unanswerable.stream().filter(a -> "swapped_entity".equals(a.question().perturbation()))
                            .toList(), at)));
        }
        return new Result(score, asked.size(), rows, figures, tradeoffs);
    }

    private Trial ask(ExtractiveAnswerer answerer, Source s, Question q) throws IOException {
        Set<String> files = Set.of();
        if (!q.without().isEmpty()) {
            Set<String> rest = new TreeSet<>(s.collection());
            rest.removeAll(q.without());
            files = rest;
        }
        RetrievalResult r = s.retriever().retrieve(q.question(), Math.max(settings.topK(), settings.depth()), files)
                .top(settings.topK());
        List<double[]> features = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        List<Place> places = new ArrayList<>();
        for (ExtractiveAnswerer.Considered c : answerer.considered(q.question(), r)) {
            features.add(c.features().stream().mapToDouble(Double::doubleValue).toArray());
            right.add(q.answerable() && hits(q, c.place()));
            places.add(c.place());
        }
        return new Trial(s.name(), q, features, right, places);
    }

    /**
     * One row per candidate: its place, the question, its source and id, the file its gold (or the article it is
     * asked without) is in, whether the question is answerable, how it was made, the candidate's rank in the
     * rules' order, whether it is right, and its features by name.
     */
    private static void writeCandidates(List<Trial> asked, Path out) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("file\tstart\tend\tquestion\tsource\tqid\tgroup\tanswerable\tkind\tidx\tlabel\t"
                    + String.join("\t", AnswerFeatures.NAMES));
            for (Trial a : asked) {
                Question q = a.question();
                String group = !q.gold().isEmpty() ? q.gold().get(0).file() : String.join(",", q.without());
                for (int i = 0; i < a.features().size(); i++) {
                    Place p = a.places().get(i);
                    StringBuilder b = new StringBuilder();
                    b.append(p.file()).append('\t').append(p.startLine()).append('\t').append(p.endLine())
                            .append('\t').append(q.question().replace('\t', ' ')).append('\t').append(a.source())
                            .append('\t').append(q.id()).append('\t').append(group).append('\t')
                            .append(q.answerable() ? 1 : 0).append('\t').append(q.perturbation()).append('\t')
                            .append(i).append('\t').append(a.right().get(i) ? 1 : 0);
                    for (double x : a.features().get(i)) {
                        b.append('\t').append(x);
                    }
                    w.println(b);
                }
            }
        }
    }

    private static boolean hits(Question q, Place p) {
        return q.gold().stream().anyMatch(g -> g.hitBy(p.file(), p.startLine(), p.endLine()));
    }

    private AnswerScore train(List<Trial> asked) {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("candidates", labels),
                labels);
        String[] names = AnswerFeatures.NAMES.toArray(String[]::new);
        int ruleScore = AnswerFeatures.NAMES.indexOf("rule_score");
        for (Trial a : asked) {
            // Of the right candidates (every sentence of a gold paragraph), only the one the rules rank first is
            // taught as right: the others are not wrong, but teaching them right teaches passage words over the
            // sentence that says the answer.
            int keep = -1;
            for (int i = 0; i < a.features().size(); i++) {
                if (a.right().get(i)
                        && (keep < 0 || a.features().get(i)[ruleScore] > a.features().get(keep)[ruleScore])) {
                    keep = i;
                }
            }
            for (int i = 0; i < a.features().size(); i++) {
                if (a.right().get(i) && i != keep) {
                    continue;
                }
                Label label = new Label(a.right().get(i) ? RIGHT : WRONG);
                data.add(new ArrayExample<>(label, names, a.features().get(i)));
                data.add(new ArrayExample<>(label, names, withoutVectors(a.features().get(i))));
            }
        }
        Logistic fit = Logistic.train(data, RIGHT, WRONG, names, settings.epochs(), settings.seed());
        LinearSGDModel tribuo = fit.model();
        List<Double> weights = fit.weights();
        AnswerScore plain = new AnswerScore(AnswerFeatures.NAMES, weights, fit.bias(), 0.5,
                0, "");
        double gap = 0;
        int checked = 0;
        for (Trial a : asked) {
            for (double[] x : a.features()) {
                Example<Label> e = new ArrayExample<>(new Label(WRONG), names, x);
                Prediction<Label> p = tribuo.predict(e);
                gap = Math.max(gap, Math.abs(p.getOutputScores().get(RIGHT).getScore() - plain.probability(x)));
                checked++;
            }
            if (checked > 500) {
                break;
            }
        }
        if (gap > 1e-6) {
            throw new IllegalStateException("the exported weights give other probabilities than Tribuo's: " + gap);
        }
        return plain;
    }

    private static double[] withoutVectors(double[] x) {
        double[] y = x.clone();
        WITHOUT_VECTORS.forEach((name, value) -> y[AnswerFeatures.NAMES.indexOf(name)] = value);
        return y;
    }

    /**
     * The probability of the candidate the answer would cite first (the rules' first, as the answerer orders them)
     * and whether it is right; NaN when nothing passed the hard gates.
     */
    private static double[] best(Trial a, AnswerScore score) {
        if (a.features().isEmpty()) {
            return new double[]{Double.NaN, 0};
        }
        return new double[]{score.probability(a.features().get(0)), a.right().get(0) ? 1 : 0};
    }

    /** As {@link #best}, for the candidate the probability ranks first: what ranking by it would cite. */
    private static boolean likeliestRight(Trial a, AnswerScore score) {
        double best = Double.NaN;
        boolean right = false;
        for (int i = 0; i < a.features().size(); i++) {
            double p = score.probability(a.features().get(i));
            if (Double.isNaN(best) || p > best) {
                best = p;
                right = a.right().get(i);
            }
        }
        return right;
    }

    /** The lowest threshold at which the answered training questions are at least {@code precision} right. */
    static double threshold(List<Trial> asked, AnswerScore score, double precision) {
        List<double[]> best = new ArrayList<>();
        for (Trial a : asked) {
            double[] b = best(a, score);
            if (!Double.isNaN(b[0])) {
                best.add(b);
            }
        }
        best.sort((x, y) -> Double.compare(y[0], x[0]));
        double threshold = 1;
        int right = 0;
        for (int i = 0; i < best.size(); i++) {
            right += (int) best.get(i)[1];
            if ((double) right / (i + 1) >= precision) {
                threshold = best.get(i)[0];
            }
        }
        return threshold;
    }

    private static double precision(List<Trial> asked, AnswerScore score, double threshold) {
        int answered = 0;
        int right = 0;
        for (Trial a : asked) {
            double[] b = best(a, score);
            if (!Double.isNaN(b[0]) && b[0] >= threshold) {
                answered++;
                right += (int) b[1];
            }
        }
        return answered == 0 ? 0 : (double) right / answered;
    }

    private static Figures figures(List<Trial> asked, AnswerScore score) {
        int answerable = 0, ranked = 0, byScore = 0, cited = 0, refusedWrong = 0, unanswerable = 0, refusedRight = 0;
        for (Trial a : asked) {
            double[] b = best(a, score);
            boolean answered = !Double.isNaN(b[0]) && b[0] >= score.threshold();
            if (a.question().answerable()) {
                answerable++;
                ranked += b[1] > 0 ? 1 : 0;
                byScore += likeliestRight(a, score) ? 1 : 0;
                cited += answered && b[1] > 0 ? 1 : 0;
                refusedWrong += answered ? 0 : 1;
            } else {
                unanswerable++;
                refusedRight += answered ? 0 : 1;
            }
        }
        return new Figures(answerable, rate(ranked, answerable), rate(byScore, answerable), rate(cited, answerable),
                rate(refusedWrong, answerable), unanswerable, rate(refusedRight, unanswerable));
    }

    private static double rate(int n, int of) {
        return of == 0 ? Double.NaN : round((double) n / of);
    }

    private static double round(double d) {
        return Math.round(d * 1e6) / 1e6;
    }
}
