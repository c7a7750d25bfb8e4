package dev.footnote.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.answer.Answer;
import dev.footnote.answer.AnswerSentence;
import dev.footnote.answer.Citation;
import dev.footnote.answer.ShortAnswer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShortAnswerLineTest {

    private static final List<AnswerSentence> SENTENCES = List.of(
            new AnswerSentence("A delegation headed by Ismail Haniyeh held a meeting.", List.of(1), true),
            new AnswerSentence("Its delegation met Abbas Kamel.", List.of(2), true));

    private static Answer answer(String shortAnswer, Integer citation) {
        List<Citation> citations = List.of(new Citation(1, "004.txt", 12, 12, "headed by Ismail Haniyeh", 0.9),
                new Citation(2, "004.txt", 16, 16, "met Abbas Kamel", 0.8));
        return new Answer("…", true, citations, SENTENCES, 0, "c", "q", "extractive", null, null, "new", null,
                shortAnswer, 0.9, citation);
    }

    @Test
    void theMarkerIsThatOfTheCitationTheAnswerSaysBacksTheShortAnswer() {
        assertThat(ShortAnswerLine.of(answer("Abbas Kamel", 2)).plain()).isEqualTo("Abbas Kamel [2]");
        assertThat(ShortAnswerLine.of(answer("Ismail Haniyeh", 1)).plain()).isEqualTo("Ismail Haniyeh [1]");
        assertThat(ShortAnswerLine.of(answer(null, null))).isNull();
    }

    @Test
    void theCitationComesFromTheSentenceTheShortAnswerIsTakenFrom() {
        // "Who did the delegation meet?": the first sentence's name is the one doing the meeting, the second's the
        // one met.
        ShortAnswer.Given given = ShortAnswer.given("Who did the delegation meet?", SENTENCES);
        assertThat(given).isEqualTo(new ShortAnswer.Given("Abbas Kamel", 2));
        assertThat(ShortAnswer.given("Who headed the delegation?", SENTENCES))
                .isEqualTo(new ShortAnswer.Given("Ismail Haniyeh", 1));
        assertThat(ShortAnswer.given("Why did the delegation meet?", SENTENCES)).isNull();
    }
}
