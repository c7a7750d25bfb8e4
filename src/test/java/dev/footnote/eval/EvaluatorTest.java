package dev.footnote.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric functions on hand-made rankings. A ranking is a list of results; a result is the list of places
 * (file and lines) it stands for: a passage and the passages folded into it.
 *
 * <p>{@code Evaluator.recall/reciprocalRank/ndcg} take {@code List<List<Place>>} where {@code Place} is a private
 * record of Evaluator, so a test cannot name it; they are reached by reflection here.
 */
class EvaluatorTest {

    private static Constructor<?> placeConstructor;
    private static Method recall;
    private static Method reciprocalRank;
    private static Method ndcg;

    @BeforeAll
    static void reflect() throws Exception {
        Class<?> place = Arrays.stream(Evaluator.class.getDeclaredClasses())
                .filter(c -> c.getSimpleName().equals("Place")).findFirst().orElseThrow();
        placeConstructor = place.getDeclaredConstructor(String.class, int.class, int.class);
        placeConstructor.setAccessible(true);
        recall = Evaluator.class.getDeclaredMethod("recall", List.class, List.class, int.class);
        reciprocalRank = Evaluator.class.getDeclaredMethod("reciprocalRank", List.class, List.class);
        ndcg = Evaluator.class.getDeclaredMethod("ndcg", List.class, List.class);
        for (Method m : List.of(recall, reciprocalRank, ndcg)) {
            m.setAccessible(true);
        }
    }

    private static Object place(String file, int start, int end) {
        try {
            return placeConstructor.newInstance(file, start, end);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A result of one passage, written "file:start-end". */
    private static List<Object> r(String... places) {
        List<Object> out = new ArrayList<>();
        for (String p : places) {
            String[] fl = p.split(":", -1);
            String[] se = fl[1].split("-", -1);
            out.add(place(fl[0], Integer.parseInt(se[0]), Integer.parseInt(se[1])));
        }
        return out;
    }

    @SafeVarargs
    @SuppressWarnings("varargs")
    private static List<List<Object>> ranking(List<Object>... results) {
        return List.of(results);
    }

    private static double recall(List<List<Object>> ranked, List<Gold> gold, int k) throws Exception {
        return (double) recall.invoke(null, ranked, gold, k);
    }

    private static double mrr(List<List<Object>> ranked, List<Gold> gold) throws Exception {
        return (double) reciprocalRank.invoke(null, ranked, gold);
    }

    private static double ndcg(List<List<Object>> ranked, List<Gold> gold) throws Exception {
        return (double) ndcg.invoke(null, ranked, gold);
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    private static final Gold A10 = new Gold("a.txt", 10, 10);
    private static final Gold B5 = new Gold("b.txt", 5, 6);
    private static final Gold C_WHOLE = new Gold("c.txt", null, null);

    @Test
    void goldPlaces() {
        assertThat(A10.wholeFile()).isFalse();
        assertThat(C_WHOLE.wholeFile()).isTrue();
        assertThat(new Gold("c.txt", 3, null).wholeFile()).isTrue();
        assertThat(A10.hitBy("a.txt", 8, 10)).isTrue();
        assertThat(A10.hitBy("a.txt", 10, 12)).isTrue();
        assertThat(A10.hitBy("a.txt", 9, 9)).isFalse();
        assertThat(A10.hitBy("a.txt", 11, 11)).isFalse();
        assertThat(A10.hitBy("b.txt", 10, 10)).isFalse();
        assertThat(B5.hitBy("b.txt", 6, 9)).isTrue();
        assertThat(B5.hitBy("b.txt", 1, 4)).isFalse();
        assertThat(C_WHOLE.hitBy("c.txt", 1, 1)).isTrue();
        assertThat(C_WHOLE.hitBy("d.txt", 1, 1)).isFalse();
    }

    @Test
    void recallAtK() throws Exception {
        var ranked = ranking(r("x.txt:1-3"), r("a.txt:9-11"), r("y.txt:1-1"), r("b.txt:6-6"));
        List<Gold> gold = List.of(A10, B5);
        assertThat(recall(ranked, gold, 1)).isZero();
        assertThat(recall(ranked, gold, 2)).isEqualTo(0.5);
        assertThat(recall(ranked, gold, 3)).isEqualTo(0.5);
        assertThat(recall(ranked, gold, 4)).isEqualTo(1.0);
        assertThat(recall(ranked, gold, 10)).isEqualTo(1.0);
        assertThat(recall(ranking(), gold, 5)).isZero();
        assertThat(recall(ranked, List.of(), 5)).isZero();
    }

    @Test
    void aFoldedPassageCountsForItsResult() throws Exception {
        var ranked = ranking(r("x.txt:1-3", "a.txt:10-10"), r("b.txt:5-5"));
        assertThat(recall(ranked, List.of(A10), 1)).isEqualTo(1.0);
        assertThat(mrr(ranked, List.of(A10))).isEqualTo(1.0);
        // One result covering two gold places finds both.
        var both = ranking(r("a.txt:10-10", "b.txt:5-5"));
        assertThat(recall(both, List.of(A10, B5), 1)).isEqualTo(1.0);
    }

    @Test
    void reciprocalRankIsOfTheFirstHitWithinTen() throws Exception {
        List<Gold> gold = List.of(A10, B5);
        assertThat(mrr(ranking(r("a.txt:10-10")), gold)).isEqualTo(1.0);
        assertThat(mrr(ranking(r("x.txt:1-1"), r("x.txt:2-2"), r("b.txt:5-5"), r("a.txt:10-10")), gold))
                .isEqualTo(1.0 / 3);
        List<List<Object>> eleven = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            eleven.add(r("x.txt:" + (i + 1) + "-" + (i + 1)));
        }
        eleven.add(r("a.txt:10-10"));
        assertThat(mrr(eleven, gold)).isZero();
        assertThat(mrr(eleven.subList(1, 11), gold)).isEqualTo(0.1);
        assertThat(mrr(ranking(), gold)).isZero();
    }

    @Test
    void ndcgGivesGainOnlyForGoldNotFoundBefore() throws Exception {
        List<Gold> gold = List.of(A10, B5);
        double ideal = 1 + 1 / log2(3);
        assertThat(ndcg(ranking(r("a.txt:10-10"), r("b.txt:5-5")), gold)).isCloseTo(1.0, within(1e-12));
        assertThat(ndcg(ranking(r("b.txt:5-5"), r("a.txt:10-10")), gold)).isCloseTo(1.0, within(1e-12));
        assertThat(ndcg(ranking(r("x.txt:1-1"), r("a.txt:10-10")), gold))
                .isCloseTo((1 / log2(3)) / ideal, within(1e-12));
        // The same gold found twice gains once.
        assertThat(ndcg(ranking(r("a.txt:10-10"), r("a.txt:9-10"), r("x.txt:1-1")), gold))
                .isCloseTo(1.0 / ideal, within(1e-12));
        assertThat(ndcg(ranking(r("x.txt:1-1"), r("y.txt:1-1")), gold)).isZero();
        assertThat(ndcg(ranking(r("a.txt:10-10")), List.of())).isZero();
        assertThat(ndcg(ranking(r("x.txt:1-1"), r("x.txt:2-2"), r("a.txt:10-10")), List.of(A10)))
                .isCloseTo(1 / log2(4), within(1e-12));
    }

    @Test
    void ndcgLooksAtTheTopTenOnly() throws Exception {
        List<List<Object>> ranked = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ranked.add(r("x.txt:" + (i + 1) + "-" + (i + 1)));
        }
        ranked.add(r("a.txt:10-10"));
        assertThat(ndcg(ranked, List.of(A10))).isZero();
        assertThat(recall(ranked, List.of(A10), 10)).isZero();
        assertThat(recall(ranked, List.of(A10), 11)).isEqualTo(1.0);
    }

    @Test
    void wholeFileGold() throws Exception {
        var ranked = ranking(r("x.txt:1-2147483647"), r("c.txt:1-2147483647"));
        assertThat(recall(ranked, List.of(C_WHOLE), 1)).isZero();
        assertThat(recall(ranked, List.of(C_WHOLE), 2)).isEqualTo(1.0);
        assertThat(mrr(ranked, List.of(C_WHOLE))).isEqualTo(0.5);
    }

    @Test
    void answerNormalisation() {
        assertThat(Evaluator.normalize("  Al-Mayadeen's  “Report”, 1.5 MILLION!  "))
                .isEqualTo("al mayadeen s report 1 5 million");
        assertThat(Evaluator.normalize("Café Zürich")).isEqualTo("café zürich");
        assertThat(Evaluator.normalize("...")).isEmpty();
    }

    @Test
    void answerMatching() {
        String answer = "Around 1.5 million Palestinians have sought refuge in the city. [1]";
        assertThat(Evaluator.matches(answer, List.of("1.5 million"))).isTrue();
        assertThat(Evaluator.matches(answer, List.of("1.5 MILLION"))).isTrue();
        assertThat(Evaluator.matches(answer, List.of("2 million", "Palestinians"))).isTrue();
        // Normalisation turns "1.5" into "1 5", so "5 million" matches inside "1.5 million" (pinned quirk).
        assertThat(Evaluator.matches(answer, List.of("5 million"))).isTrue();
        assertThat(Evaluator.matches(answer, List.of("illion"))).isFalse();
        assertThat(Evaluator.matches(answer, List.of("million Palestinian"))).isFalse();
        // Markers are not part of the answer.
        assertThat(Evaluator.matches("Hamas said so. [12]", List.of("12"))).isFalse();
        assertThat(Evaluator.matches("Hamas said so [1][2]", List.of("so 1"))).isFalse();
        assertThat(Evaluator.matches(answer, List.of())).isFalse();
        assertThat(Evaluator.matches(answer, List.of("", "  ", "!!"))).isFalse();
        assertThat(Evaluator.matches("Hamas, Iran.", List.of("Hamas, Iran"))).isTrue();
        assertThat(Evaluator.matches("Ahmad Abdel Hadi told Al Mayadeen", List.of("Abdel Hadi"))).isTrue();
    }

    @Test
    void percentile() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(Evaluator.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(Evaluator.percentile(sorted, 0.95)).isEqualTo(10);
        assertThat(Evaluator.percentile(sorted, 0.0)).isEqualTo(1);
        assertThat(Evaluator.percentile(new double[]{42}, 0.95)).isEqualTo(42);
        assertThat(Evaluator.percentile(new double[0], 0.5)).isZero();
    }

    @Test
    void questionSetReading(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("q.jsonl");
        Files.writeString(f,
                """
                        {"id": "a1", "question": "Who?", "answers": ["X"], "answerable": true, "gold": [{"file": "a.txt", "start_line": 3, "end_line": 4}], "extra": 1}

                        {"id": "u1", "question": "Why?"}
                        {"id": "d1", "question": "Which file?", "gold": [{"file": "c.txt"}]}
                        """);
        List<Question> qs = QuestionSet.read(f);
        assertThat(qs).hasSize(3);
        assertThat(qs.get(0).gold()).containsExactly(new Gold("a.txt", 3, 4));
        assertThat(qs.get(0).answers()).containsExactly("X");
        assertThat(qs.get(1).answerable()).isTrue();
        assertThat(qs.get(1).answers()).isEmpty();
        assertThat(qs.get(1).gold()).isEmpty();
        assertThat(qs.get(2).gold().get(0).wholeFile()).isTrue();

        Files.writeString(f, "{\"id\": \"a1\", \"question\": \"Who?\"}\nnot json\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuestionSet.read(f))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining(":2:");
        Files.writeString(f, "{\"id\": \"a1\", \"question\": \" \"}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuestionSet.read(f))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining(":1:");
    }

    @Test
    void theProjectQuestionSetParses() throws Exception {
        List<Question> qs = QuestionSet.read(Path.of("eval/questions.jsonl"));
        assertThat(qs).hasSize(55);
        assertThat(qs.stream().filter(q -> !q.answerable())).hasSize(9);
        assertThat(qs.stream().filter(Question::answerable)).allSatisfy(q -> {
            assertThat(q.gold()).isNotEmpty();
            assertThat(q.answers()).isNotEmpty();
        });
    }

    @Test
    void theJsonReportUsesTheDocumentedKeysInOrder() throws Exception {
        EvalReport r = new EvalReport(3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.65, 0.8, 0.9, 1.5, 2.5,
                java.util.Map.of("names_missing", new GateRefusals(2, 1)), 0, null, null, java.util.Map.of());
        String json = dev.footnote.json.Json.write(r);
        assertThat(json).isEqualTo("{\"questions\":3,\"recall_at_1\":0.1,\"recall_at_5\":0.2,\"recall_at_10\":0.3,"
                + "\"mrr_at_10\":0.4,\"ndcg_at_10\":0.5,\"citation_accuracy\":0.6,\"answer_match\":0.7,"
                + "\"citations_on_gold\":0.65,\"refusal_accuracy\":0.8,\"false_refusals\":0.9,\"latency_ms_p50\":1.5,\"latency_ms_p95\":2.5,"
                + "\"refusals_by_gate\":{\"names_missing\":{\"refused\":2,\"answerable\":1}}}");
    }
}
