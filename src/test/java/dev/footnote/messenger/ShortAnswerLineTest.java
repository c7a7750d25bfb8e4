package dev.footnote.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.answer.Answer;
import dev.footnote.answer.AnswerSentence;
import dev.footnote.answer.Citation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShortAnswerLineTest {

    private static Answer answer(String shortAnswer, List<AnswerSentence> sentences) {
        List<Citation> citations = List.of(new Citation(1, "004.txt", 12, 12, "headed by Ismail Haniyeh", 0.9),
                new Citation(2, "004.txt", 16, 16, "met Abbas Kamel", 0.8));
        return new Answer("…", true, citations, sentences, 0, "c", "q", "extractive", null, null, "new", null,
                shortAnswer);
    }

    @Test
    void theMarkerIsThatOfTheSentenceTheShortAnswerComesFrom() {
        List<AnswerSentence> sentences = List.of(
                new AnswerSentence("A delegation headed by Ismail Haniyeh held a meeting.", List.of(1), true),
                new AnswerSentence("Its delegation met Abbas Kamel.", List.of(2), true));
        assertThat(ShortAnswerLine.of(answer("Abbas Kamel", sentences)).plain()).isEqualTo("Abbas Kamel [2]");
        assertThat(ShortAnswerLine.of(answer("Ismail Haniyeh", sentences)).plain()).isEqualTo("Ismail Haniyeh [1]");
        assertThat(ShortAnswerLine.of(answer(null, sentences))).isNull();
    }
}
