package dev.footnote.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.Config;
import dev.footnote.Footnote;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline over the sample articles and the project's question set, on a fresh index: the first
 * citation of an answer lands on a gold place for at least 90% of answerable questions, and every unanswerable
 * question is refused. On failure the message holds the report and each miss.
 */
class QuestionSetQualityTest {

    @TempDir
    Path indexDir;

    private final List<String> misses = new ArrayList<>();

    private EvalReport evaluate(List<Question> questions) throws IOException {
        try (Footnote f = Footnote.open(Config.of(Path.of("articles"), indexDir), s -> {})) {
            assertThat(f.sync().added()).hasSize(5);
            return new Evaluator(f.service(), 5, false, s -> {}, misses::add).run(questions);
        }
    }

    @Test
    void citationAndRefusalAccuracy() throws IOException {
        List<Question> questions = QuestionSet.read(Path.of("eval/questions.jsonl"));
        EvalReport r = evaluate(questions);
        String report = "\n" + r + "\n" + String.join("\n", misses);
        System.out.println("QuestionSetQualityTest: " + report);
        assertThat(r.questions()).isEqualTo(questions.size());
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(r.citationAccuracy()).as("citation_accuracy" + report).isGreaterThanOrEqualTo(0.9);
            soft.assertThat(r.refusalAccuracy()).as("refusal_accuracy" + report).isEqualTo(1.0);
            // Every citation, not only the first: an answer padded with sentences that do not answer gets less.
            soft.assertThat(r.citationsOnGold()).as("citations_on_gold" + report).isGreaterThanOrEqualTo(0.9);
        });
    }
}
