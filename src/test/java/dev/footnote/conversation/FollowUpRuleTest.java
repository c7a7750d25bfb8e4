package dev.footnote.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FollowUpRuleTest {

    private final FollowUpRule rule = new FollowUpRule();
    private final List<Turn> haniyeh = List.of(new Turn("Who did Ismail Haniyeh meet in Turkey?",
            "Who did Ismail Haniyeh meet in Turkey?",
            "Ismail Haniyeh has returned to Qatar following a trip to Turkey, where he met with President "
                    + "Recep Tayyip Erdogan and other senior officials. [1]"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            When did he return?                    | When did Ismail Haniyeh return?
            Where did she go next?                 | Where did Ismail Haniyeh go next?
            Did they meet Erdogan?                 | Did Ismail Haniyeh meet Erdogan?
            What is his position in Hamas?         | What is Ismail Haniyeh's position in Hamas?
            Who met him in Ankara?                 | Who met Ismail Haniyeh in Ankara?
            Did Erdogan praise her efforts?        | Did Erdogan praise Ismail Haniyeh's efforts?
            Did Erdogan meet her in Ankara?        | Did Erdogan meet Ismail Haniyeh in Ankara?
            How many people live in Rafah?         | How many people live in Rafah?
            """)
    void pronounsBecomeTheMainNameOfThePreviousTurn(String followUp, String standalone) {
        assertThat(rule.rewrite(followUp, haniyeh)).isEqualTo(standalone);
    }

    @Test
    void aFirstQuestionIsLeftAlone() {
        assertThat(rule.rewrite("When did he return?", List.of())).isEqualTo("When did he return?");
    }

    @Test
    void theLatestTurnCountsAndARewrittenQueryCarriesTheNameOn() {
        List<Turn> history = List.of(haniyeh.get(0),
                new Turn("When did he return?", "When did Ismail Haniyeh return?", "He returned on Saturday. [1]"));
        assertThat(rule.rewrite("Why did he go there?", history)).isEqualTo("Why did Ismail Haniyeh go there?");
    }

    @Test
    void withoutANameInTheQuestionTheAnswersMostRepeatedNameIsUsed() {
        List<Turn> history = List.of(new Turn("what happened in the talks?", "what happened in the talks?",
                "Benjamin Netanyahu rejected the proposal [1]. Hamas accepted it [2]. Benjamin Netanyahu then "
                        + "ordered an offensive [3]."));
        assertThat(rule.rewrite("Why did he do that?", history)).isEqualTo("Why did Benjamin Netanyahu do that?");
    }

    @Test
    void nothingToPointBackToLeavesTheQuestion() {
        List<Turn> history = List.of(new Turn("what happened?", "what happened?", "the talks ended."));
        assertThat(rule.rewrite("When did it start?", history)).isEqualTo("When did it start?");
    }

    @Test
    void sentenceStartersAreNotNames() {
        assertThat(FollowUpRule.names("Who did Ismail Haniyeh meet in Turkey?"))
                .containsExactly("Ismail Haniyeh", "Turkey");
        assertThat(FollowUpRule.names("Where is the Bank of England?")).containsExactly("Bank of England");
    }

    @Test
    void aPossessiveInThePreviousQuestionIsNotPartOfTheName() {
        List<Turn> history = List.of(new Turn("What is his role in Hamas?", "What is Ismail Haniyeh's role in Hamas?",
                "The leader of the Palestinian resistance movement Hamas, Ismail Haniyeh, has returned. [1]"));
        assertThat(new FollowUpRule().rewrite("Who did he meet in Turkey?", history))
                .isEqualTo("Who did Ismail Haniyeh meet in Turkey?");
        assertThat(new FollowUpRule().rewrite("What is his title?", history))
                .isEqualTo("What is Ismail Haniyeh's title?");
    }
}
