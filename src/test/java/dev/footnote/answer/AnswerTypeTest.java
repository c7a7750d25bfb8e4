package dev.footnote.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.answer.AnswerType.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerTypeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            How many members were in the delegation?                     | NUMBER   | -
            How much money did Qatar give?                               | NUMBER   | -
            How long did the talks last?                                 | DURATION | -
            How old is Hossam Badran?                                    | AGE      | -
            When did the delegation arrive?                              | DATE     | -
            In what year was the school built?                           | DATE     | -
            Which hotel in Doha hosted the delegation?                   | THING    | hotel
            Which Egyptian spy chief met the Hamas leaders?              | THING    | spy
            Which two Israeli figures are expected to meet?              | THING    | figur
            What is the population of Cairo?                             | THING    | popul
            What did Russia and the US agree?                            | ANY      | -
            What did the gunmen who came out of a tunnel fire?           | ANY      | -
            What is happening in Gaza?                                   | ANY      | -
            According to Netanyahu, withdrawal would be a win for whom?  | ANY      | -
            Who is the Hamas representative in Lebanon?                  | ANY      | -
            Hamas rejects the proposal                                   | ANY      | -
            What kind of weapon did the gunmen use?                      | THING    | weapon
            What type of deal did Hamas reject?                          | THING    | deal
            What is this agreement called?                               | THING    | agreement
            """)
    void readsTheKindOfAnswerFromTheQuestionWord(String question, Kind kind, String focus) {
        assertThat(AnswerType.of(question)).isEqualTo(new AnswerType(kind, focus));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            How many hostages were freed?              | We did this to free 124 hostages.                          | true
            How many people fled to Rafah?             | Around 1.5 million Palestinians sought refuge there.       | true
            How many people fled to Rafah?             | Several thousand people left the city.                     | true
            How many members were in the delegation?  | The delegation will end almost seven months of war.        | false
            How many members were in the delegation?  | It met in 2024 with the mediators.                         | false
            How many days did the truce last?          | The truce lasted seven days.                               | true
            How many of the 124 hostages were freed?   | Of the 124 hostages, some were freed.                      | false
            How many members were in the delegation?  | The delegation met the mediators in Cairo.                 | false
            How long did the visit last?               | During her visit, which lasted for a few hours, she spoke. | true
            How long did the talks last?               | Russia and the US agreed not to disclose the substance.    | false
            How old is Hossam Badran?                  | Hossam Badran, 61, spoke on Friday.                        | true
            How old is Hossam Badran?                  | Hossam Badran is a member of the political bureau.         | false
            When did the delegation arrive?            | The delegation arrived in Cairo on Sunday.                 | true
            When did the delegation arrive?            | The delegation arrived in Cairo.                           | false
            Which hotel hosted the delegation?         | The delegation will leave Cairo.                           | true
            When did the delegation arrive?            | The delegation arrived after the talks.                    | false
            When did the delegation arrive?            | It arrived before the others, and left later.              | false
            When did the delegation arrive?            | It arrived when the talks began.                           | false
            """)
    void admitsOnlySentencesThatHoldThatKindOfAnswer(String question, String sentence, boolean admitted) {
        assertThat(AnswerType.of(question).admits(sentence, question)).isEqualTo(admitted);
    }
}
