package dev.footnote.eval;

import dev.footnote.answer.Answer;
import dev.footnote.ask.AskService;
import dev.footnote.corpus.Passage;
import dev.footnote.retrieve.SearchHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a question set through the whole pipeline and computes retrieval, citation and refusal figures.
 *
 * <p>Retrieval is judged on the ranked list at the gold's own granularity: distinct files when every gold
 * place of a question is a whole file (a document-level judgement, as BEIR scores SciFact), passages
 * otherwise. {@code documents} forces the file level for every question. recall@k is the share of gold places
 * found in the top k; nDCG@10 gives a result gain 1 when it finds a gold place not found before.
 */
public final class Evaluator {

    private final AskService service;
    private final int topK;
    private final boolean documents;
    private final Consumer<String> progress;
    private final Consumer<String> misses;
    private final Set<String> collection;

    public Evaluator(AskService service, int topK, boolean documents, Consumer<String> progress,
            Consumer<String> misses) {
        this(service, topK, documents, progress, misses, Set.of());
    }

    /**
     * @param collection the indexed files, which a question asked {@code without} some of them searches the rest
     *                   of; such a question is refused by the run when this is empty
     */
    public Evaluator(AskService service, int topK, boolean documents, Consumer<String> progress,
            Consumer<String> misses, Set<String> collection) {
        this.service = service;
        this.topK = topK;
        this.documents = documents;
        this.progress = progress;
        this.misses = misses;
        this.collection = Set.copyOf(collection);
    }

    /** The question asked as the evaluation asks it: of the whole collection, or of it without some files. */
    private AskService.Result ask(Question q) throws IOException {
        if (q.without().isEmpty()) {
            return service.ask(q.question(), topK, 10, null);
        }
        if (collection.isEmpty()) {
            throw new IllegalStateException("question " + q.id() + " is asked without files, but the evaluation "
                    + "was not told the collection's files");
        }
        Set<String> rest = new java.util.TreeSet<>(collection);
        for (String file : q.without()) {
            // A name the collection does not hold (another format's, say) would leave the article searched.
            if (!rest.remove(file)) {
                throw new IllegalStateException("question " + q.id() + " is asked without " + file
                        + ", which is not a file of the collection");
            }
        }
        if (rest.isEmpty()) {
            throw new IllegalStateException("question " + q.id() + " is asked without every file of the collection");
        }
        return service.ask(AskService.Request.of(q.question(), topK).withDepth(10).withFiles(rest), null);
    }

    private void miss(Question q, String what, Answer answer) {
        String first = answer.citations().isEmpty()
                ? "no citation"
                : answer.citations().get(0).file() + ":"
                        + answer.citations().get(0).startLine() + "-" + answer.citations().get(0).endLine();
        misses.accept(String.format("miss %s: %s | %s | gold %s | got %s | %s", q.id(), what, q.question(),
                q.gold().stream().map(g -> g.file() + (g.wholeFile() ? "" : ":" + g.startLine() + "-" + g.endLine()))
                        .toList(),
                first, answer.answer().length() > 160 ? answer.answer().substring(0, 160) + "…" : answer.answer()));
    }

    public EvalReport run(List<Question> questions) throws IOException {
        int answerable = 0;
        int unanswerable = 0;
        int withAnswers = 0;
        double r1 = 0, r5 = 0, r10 = 0, mrr = 0, ndcg = 0;
        int cited = 0, matched = 0, refusedRight = 0, refusedWrong = 0, citations = 0, citationsOnGold = 0;
        Map<String, GateRefusals> byGate = new HashMap<>();
        double[] latencies = new double[questions.size()];
        int shortAnswers = 0;
        double shortExact = 0, shortF1 = 0;
        // per perturbation of a generated unanswerable question: how many, and how many were refused
        java.util.Map<String, int[]> perturbed = new java.util.TreeMap<>();
        long lastReport = System.nanoTime();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            long t0 = System.nanoTime();
            AskService.Result result = ask(q);
            latencies[i] = (System.nanoTime() - t0) / 1e6;
            Answer answer = result.answer();
            if (!answer.answered()) {
                String gate = answer.refusal() == null ? "unnamed" : answer.refusal().gate();
                byGate.merge(gate, new GateRefusals(1, q.answerable() ? 1 : 0),
                        (a, b) -> a.plus(q.answerable()));
            }
            if (!q.answerable()) {
                unanswerable++;
                if (q.perturbation() != null) {
                    perturbed.computeIfAbsent(q.perturbation(), k -> new int[2])[0]++;
                    perturbed.get(q.perturbation())[1] += answer.answered() ? 0 : 1;
                }
                if (!answer.answered()) {
                    refusedRight++;
                } else {
                    miss(q, "answered an unanswerable question", answer);
                }
                continue;
            }
            answerable++;
            boolean fileLevel = documents || q.gold().stream().allMatch(Gold::wholeFile);
            // Judged as documents, several gold line ranges in one file are one relevant file.
            List<Gold> gold = fileLevel
                    ? q.gold().stream().map(g -> new Gold(g.file(), null, null)).distinct().toList()
                    : q.gold();
            List<List<Place>> ranked = ranked(result.hits(), fileLevel);
            r1 += recall(ranked, gold, 1);
            r5 += recall(ranked, gold, 5);
            r10 += recall(ranked, gold, 10);
            mrr += reciprocalRank(ranked, gold);
            ndcg += ndcg(ranked, gold);
            if (!answer.answered()) {
                refusedWrong++;
                miss(q, "refused", answer);
            } else if (!answer.citations().isEmpty()) {
                List<Boolean> onGold = answer.citations().stream()
                        .map(c -> q.gold().stream().anyMatch(g -> g.hitBy(c.file(), c.startLine(), c.endLine())))
                        .toList();
                citations += onGold.size();
                citationsOnGold += (int) onGold.stream().filter(b -> b).count();
                if (onGold.get(0)) {
                    cited++;
                } else {
                    miss(q, "first citation misses the gold places", answer);
                }
            }
            if (!q.answers().isEmpty()) {
                withAnswers++;
                if (answer.answered() && matches(answer.answer(), q.answers())) {
                    matched++;
                }
                if (answer.answered() && answer.shortAnswer() != null) {
                    shortAnswers++;
                    double em = SquadScore.exactMatch(answer.shortAnswer(), q.answers());
                    shortExact += em;
                    shortF1 += SquadScore.f1(answer.shortAnswer(), q.answers());
                    if (em == 0) {
                        misses.accept(String.format("miss %s: short answer %s | %s | gold %s", q.id(),
                                answer.shortAnswer(), q.question(), q.answers()));
                    }
                }
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                progress.accept(String.format("evaluated %d/%d questions", i + 1, questions.size()));
                lastReport = System.nanoTime();
            }
        }
        Arrays.sort(latencies);
        return new EvalReport(questions.size(),
                rate(r1, answerable), rate(r5, answerable), rate(r10, answerable), rate(mrr, answerable),
                rate(ndcg, answerable), rate(cited, answerable), rate(matched, withAnswers),
                rate(citationsOnGold, citations),
                rate(refusedRight, unanswerable), rate(refusedWrong, answerable),
                round(percentile(latencies, 0.5)), round(percentile(latencies, 0.95)), mostFirst(byGate),
                shortAnswers, rate(shortExact, shortAnswers), rate(shortF1, shortAnswers), refusalRates(perturbed));
    }

    /** The gates that refused most first, then by name. */
    private static Map<String, GateRefusals> mostFirst(Map<String, GateRefusals> byGate) {
        Map<String, GateRefusals> sorted = new LinkedHashMap<>();
        byGate.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, GateRefusals> e) -> -e.getValue().refused())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static Map<String, Double> refusalRates(Map<String, int[]> perturbed) {
        Map<String, Double> out = new LinkedHashMap<>();
        perturbed.forEach((k, v) -> out.put(k, rate(v[1], v[0])));
        return out;
    }

    /** A place in the ranked list; a result is a passage with the passages folded into it. */
    private record Place(String file, int start, int end) {
    }

    private static List<List<Place>> ranked(List<SearchHit> hits, boolean fileLevel) {
        List<List<Place>> out = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>();
        for (SearchHit h : hits) {
            List<Passage> all = new ArrayList<>();
            all.add(h.passage());
            all.addAll(h.folded());
            if (fileLevel) {
                for (Passage p : all) {
                    if (files.add(p.file())) {
                        out.add(List.of(new Place(p.file(), 1, Integer.MAX_VALUE)));
                    }
                }
            } else {
                out.add(all.stream().map(p -> new Place(p.file(), p.startLine(), p.endLine())).toList());
            }
        }
        return out;
    }

    private static boolean hits(List<Place> result, Gold g) {
        return result.stream().anyMatch(p -> g.hitBy(p.file(), p.start(), p.end()));
    }

    static double recall(List<List<Place>> ranked, List<Gold> gold, int k) {
        if (gold.isEmpty()) {
            return 0;
        }
        List<List<Place>> top = ranked.subList(0, Math.min(k, ranked.size()));
        long found = gold.stream().filter(g -> top.stream().anyMatch(r -> hits(r, g))).count();
        return (double) found / gold.size();
    }

    static double reciprocalRank(List<List<Place>> ranked, List<Gold> gold) {
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            List<Place> r = ranked.get(i);
            if (gold.stream().anyMatch(g -> hits(r, g))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    static double ndcg(List<List<Place>> ranked, List<Gold> gold) {
        boolean[] found = new boolean[gold.size()];
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            boolean gain = false;
            for (int g = 0; g < gold.size(); g++) {
                if (!found[g] && hits(ranked.get(i), gold.get(g))) {
                    found[g] = true;
                    gain = true;
                }
            }
            if (gain) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(10, gold.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /** Case- and punctuation-insensitive containment of any gold answer, on word boundaries. */
    static boolean matches(String answer, List<String> golds) {
        String a = " " + normalize(answer.replaceAll("\\[\\d+]", " ")) + " ";
        return golds.stream().map(Evaluator::normalize).filter(g -> !g.isEmpty())
                .anyMatch(g -> a.contains(" " + g + " "));
    }

    static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static Double rate(double sum, int n) {
        return n == 0 ? null : round(sum / n);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
