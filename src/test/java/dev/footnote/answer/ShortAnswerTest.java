package dev.footnote.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.answer.ShortAnswer.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShortAnswerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Who headed the delegation?                              | PERSON
            Which Egyptian official met the Hamas delegation?       | PERSON
            Which Egyptian spy chief met the Hamas leaders?         | PERSON
            Where did the talks take place?                         | PLACE
            Which city hosted the talks?                            | PLACE
            Which NFL team won Super Bowl 50?                       | ORGANISATION
            How many members were in the delegation?                | NUMBER
            How old is Hossam Badran?                               | NUMBER
            When did the delegation arrive?                         | DATE
            In what year was the school built?                      | DATE
            How long did the talks last?                            | DURATION
            What type of venue is the Teatr Wielki?                 | -
            What did Luther state about the soul?                   | -
            What expression is generally used for bounds?           | -
            Why did the talks fail?                                 | -
            """)
    void readsTheKindOfShortAnswerAQuestionAsksFor(String question, Kind kind) {
        assertThat(ShortAnswer.kind(question)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Which Egyptian official met the Hamas delegation? | Egyptian intelligence chief Abbas Kamel met the Hamas delegation in Cairo.        | Abbas Kamel
            Who met Abbas Kamel in Cairo?                     | In Cairo, Abbas Kamel met Ismail Haniyeh and two aides.                          | Ismail Haniyeh
            Who defined linear bounded automata?              | Early papers include John Myhill's definition of linear bounded automata.        | John Myhill
            Where did Super Bowl 50 take place?               | Super Bowl 50 was played at Levi's Stadium in Santa Clara.                       | Levi's Stadium
            Where did Abbas Kamel meet the delegation?        | On its visit to Cairo the delegation met the Egyptian Minister of Intelligence, Abbas Kamel. | Cairo
            How many people fled to Rafah?                    | Around 1.5 million Palestinians have sought refuge in Rafah.                     | 1.5 million
            How many seats does Victoria have in the Senate?  | In 2010 the House gave 37 to Labor, and Victoria has 12 seats in the Senate.      | 12
            How old was Luther when he married?               | Luther, born on 10 November 1483, married at 41 in Wittenberg.                   | 41
            When did the talks begin?                         | The talks began on 3 February 2024 in Cairo after weeks of delay.                | 3 February 2024
            In what year was the school built?                | The school was built in May 1995 by the city.                                    | 1995
            How long did the talks last?                      | The talks lasted three days and ended on Friday.                                 | three days
            Who did the delegation meet in Cairo?             | Led by Ismail Haniyeh, the delegation met Abbas Kamel in Cairo.                  | Abbas Kamel
            Who met the spy chief?                            | Ismail Haniyeh met the spy chief Abbas Kamel in Cairo.                           | Ismail Haniyeh
            Who did the spy chief meet?                       | Ismail Haniyeh was met by the spy chief Abbas Kamel.                             | Ismail Haniyeh
            Who wrote the letter to the mediators?            | The letter, handed to Abbas Kamel, was written by Ismail Haniyeh.                | Ismail Haniyeh
            """)
    void picksTheSpanOfTheRightKindNearestTheQuestionsWords(String question, String sentence, String expected) {
        assertThat(ShortAnswer.of(question, sentence)).isEqualTo(expected);
    }

    @Test
    void givesNoneWhenTheQuestionAsksForNoneOrTheSentenceHoldsOnlyWhatTheQuestionSays() {
        assertThat(ShortAnswer.of("Why did the talks fail?", "The talks failed because Hamas left Cairo.")).isNull();
        assertThat(ShortAnswer.of("Who met Abbas Kamel?", "Abbas Kamel met them.")).isNull();
        assertThat(ShortAnswer.of("How many members were there?", "Members came from the bureau.")).isNull();
    }

    @Test
    void givenTakesTheFirstSentenceThatCitesSomething() {
        List<AnswerSentence> sentences = List.of(new AnswerSentence("Ismail Haniyeh spoke first.", List.of(), false),
                new AnswerSentence("Egyptian intelligence chief Abbas Kamel met them.", List.of(2), true));
        assertThat(ShortAnswer.given("Which Egyptian official met the Hamas delegation?", sentences))
                .isEqualTo(new ShortAnswer.Given("Abbas Kamel", 2));
        assertThat(ShortAnswer.given("Which Egyptian official met them?", List.of())).isNull();
    }

    @Test
    void givenTakesALaterSentenceWhenTheFirstNamesSomeoneOnTheWrongSideOfTheVerb() {
        List<AnswerSentence> sentences = List.of(
                new AnswerSentence("A delegation headed by Ismail Haniyeh arrived in Cairo and held a meeting.",
                        List.of(1), true),
                new AnswerSentence("Hamas said its delegation met the Egyptian minister Abbas Kamel.", List.of(2),
                        true));
        assertThat(ShortAnswer.given("Who did the Hamas delegation meet in Cairo?", sentences).text())
                .isEqualTo("Abbas Kamel");
        // Asked the other way round, the first sentence's name is on the right side and stays.
        assertThat(ShortAnswer.given("Who headed the delegation to Cairo?", sentences).text())
                .isEqualTo("Ismail Haniyeh");
    }
}
