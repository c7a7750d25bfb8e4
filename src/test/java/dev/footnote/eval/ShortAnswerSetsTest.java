package dev.footnote.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SQuAD scores, the split by article and the generated unanswerable questions, on a tiny set in memory. */
class ShortAnswerSetsTest {

    private static final Map<String, String> ARTICLES = Map.of(
            "Broncos.txt", "The Denver Broncos won Super Bowl 50 in 2016 at Levi's Stadium. They beat the Panthers.",
            "Tesla.txt", "Nikola Tesla moved to New York in 1884 and worked for Thomas Edison for 6 months.",
            "Warsaw.txt", "Warsaw is the largest city of Poland; about 1.7 million people lived there in 2014.",
            "Rhine.txt", "The Rhine flows through Basel and Cologne and is 1,230 kilometres long.");

    private static Question q(String id, String text, String file, String... answers) {
        return new Question(id, text, List.of(answers), true, List.of(new Gold(file, 1, 1)));
    }

    private static List<Question> set() {
        return List.of(q("b1", "Which team won Super Bowl 50?", "Broncos.txt", "Denver Broncos"),
                q("b2", "Where was Super Bowl 50 played?", "Broncos.txt", "Levi's Stadium"),
                q("t1", "When did Nikola Tesla move to New York?", "Tesla.txt", "1884"),
                q("t2", "For how many months did Tesla work for Thomas Edison?", "Tesla.txt", "6"),
                q("w1", "What is the largest city of Poland?", "Warsaw.txt", "Warsaw"),
                q("w2", "How many people lived in Warsaw in 2014?", "Warsaw.txt", "1.7 million"),
                q("r1", "Which cities does the Rhine flow through?", "Rhine.txt", "Basel and Cologne"),
                q("r2", "How long is the Rhine?", "Rhine.txt", "1,230 kilometres"));
    }

    @Test
    void squadScoresNormaliseCasePunctuationAndArticles() {
        assertThat(SquadScore.normalize("The  Denver Broncos!")).isEqualTo("denver broncos");
        assertThat(SquadScore.exactMatch("denver broncos", List.of("The Denver Broncos"))).isEqualTo(1.0);
        assertThat(SquadScore.exactMatch("Broncos", List.of("Denver Broncos"))).isEqualTo(0.0);
        assertThat(SquadScore.f1("Broncos", List.of("Denver Broncos"))).isCloseTo(2 / 3.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SquadScore.f1("Carolina Panthers", List.of("Denver Broncos", "Panthers"))).isCloseTo(2 / 3.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SquadScore.f1("Tesla", List.of("Edison"))).isZero();
    }

    @Test
    void theSplitIsByArticleSeededAndCoversEveryQuestionOnce() {
        QuestionSplit split = new QuestionSplit(13);
        List<Question> train = split.half(set(), QuestionSplit.Half.TRAIN);
        List<Question> report = split.half(set(), QuestionSplit.Half.REPORT);
        assertThat(train).hasSize(4);
        assertThat(report).hasSize(4);
        List<Question> all = new ArrayList<>(train);
        all.addAll(report);
        assertThat(all).containsExactlyInAnyOrderElementsOf(set());
        Set<String> trainFiles = split.trainArticles(set());
        assertThat(trainFiles).hasSize(2);
        assertThat(report).noneMatch(x -> trainFiles.contains(x.gold().get(0).file()));
        assertThat(new QuestionSplit(13).half(set(), QuestionSplit.Half.TRAIN)).isEqualTo(train);
        // another seed cuts elsewhere, by article still
        assertThat(new QuestionSplit(14).trainArticles(set())).hasSize(2);
    }

    @Test
    void negativesAreMarkedUnanswerableRecordTheirPerturbationAndRepeatForTheSameSeed() {
        List<Question> made = new Negatives(7, 2).make(set(), ARTICLES::get);
        assertThat(made).isEqualTo(new Negatives(7, 2).make(set(), ARTICLES::get));
        assertThat(made).allMatch(x -> !x.answerable() && x.answers().isEmpty() && x.gold().isEmpty());
        assertThat(made).extracting(Question::perturbation).containsOnly("swapped_entity", "negation",
                "added_condition", "without_article");
        for (Question n : made) {
            Question source = set().stream().filter(s -> n.id().startsWith(s.id() + "-")).findFirst().orElseThrow();
            String article = ARTICLES.get(source.gold().get(0).file());
            switch (n.perturbation()) {
                case "swapped_entity" -> {
                    assertThat(n.question()).isNotEqualTo(source.question());
                    // what was put in is not in the question's own article
                    List<String> added = Negatives.entities(n.question()).stream().map(Negatives.Entity::text)
                            .filter(e -> !source.question().contains(e)).toList();
                    assertThat(added).isNotEmpty().allMatch(e -> !article.contains(e));
                }
                case "negation" -> assertThat(n.question()).isNotEqualTo(source.question());
                case "added_condition" -> {
                    String year = n.question().replaceAll(".* in (\\d{4})\\?$", "$1");
                    assertThat(year).matches("\\d{4}");
                    assertThat(article).doesNotContain(year);
                }
                default -> {
                    assertThat(n.question()).isEqualTo(source.question());
                    assertThat(n.without()).containsExactly(source.gold().get(0).file());
                }
            }
        }
        assertThat(made).filteredOn(x -> "swapped_entity".equals(x.perturbation())).hasSize(2);
        assertThat(made).filteredOn(x -> "without_article".equals(x.perturbation())).hasSize(2);
    }

    @Test
    void negationPrefersAnAntonymAndNegatesTheAuxiliaryOtherwise() {
        assertThat(Negatives.negated(q("w1", "What is the largest city of Poland?", "Warsaw.txt")).question())
                .isEqualTo("What is the smallest city of Poland?");
        assertThat(Negatives.negated(q("t1", "When did Tesla move to New York?", "Tesla.txt")).question())
                .isEqualTo("When didn't Tesla move to New York?");
        assertThat(Negatives.negated(q("x", "Who did not move?", "Tesla.txt"))).isNull();
    }

    @Test
    void aGeneratedQuestionReadsBackFromItsJsonLine() throws Exception {
        Question n = new Negatives(7, 1).make(set(), ARTICLES::get).getLast();
        String line = Json.write(n);
        assertThat(line).contains("\"answerable\":false").contains("\"perturbation\":\"without_article\"")
                .contains("\"without\":[");
        assertThat(Json.MAPPER.readValue(line, Question.class)).isEqualTo(n);
    }

    @Test
    void theJsonReportAddsShortAnswerAndPerturbationFiguresWhenThereAreAny() {
        EvalReport r = new EvalReport(3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, null, 0.8, 0.9, 1.5, 2.5, Map.of(), 2, 0.5,
                0.75, Map.of("negation", 0.25, "added_condition", 1.0));
        assertThat(Json.write(r)).endsWith("\"latency_ms_p95\":2.5,\"refusals_by_gate\":{},\"short_answers\":2,"
                + "\"short_answer_exact_match\":0.5,\"short_answer_f1\":0.75,"
                + "\"refusals_by_perturbation\":{\"added_condition\":1.0,\"negation\":0.25}}");
    }
}
