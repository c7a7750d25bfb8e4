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
            Did the president praise her efforts?  | Did the president praise Ismail Haniyeh's efforts?
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

    // ---------------------------------------------------------------- who the pronoun stands for

    /** The extractive answer to "Which Egyptian official met the Hamas delegation?", as the sample gives it. */
    private static final Turn KAMEL = new Turn("Which Egyptian official met the Hamas delegation?",
            "Which Egyptian official met the Hamas delegation?",
            "Qassem did not provide further details about his movement’s delegation’s visit to Cairo, but "
                    + "Hamas issued a statement in which it said that its delegation met the Egyptian Minister of "
                    + "Intelligence, Major General Abbas Kamel, in a positive atmosphere and mutual understanding. [1] "
                    + "It should be said that on Sunday morning, Egyptian sources reported the arrival of a delegation "
                    + "of the Hamas movement to Cairo headed by Khalil Al-Hiya. [2] He also later met with the head of "
                    + "Egyptian intelligence, Abbas Kamel. [3]");

    @Test
    void aPronounForWhoAQuestionAskedForIsThePersonTheAnswerNamedAndThemIsTheGroup() {
        assertThat(rule.rewrite("Where did he meet them?", List.of(KAMEL)))
                .isEqualTo("Where did Abbas Kamel meet the Hamas delegation?");
    }

    @Test
    void threeTurnsCarryThePlaceTheAnswerGaveToAWhereQuestion() {
        Turn where = new Turn("Where did he meet them?", "Where did Abbas Kamel meet the Hamas delegation?",
                "Qassem did not provide further details about his movement’s delegation’s visit to Cairo, but "
                        + "Hamas said its delegation met Major General Abbas Kamel. [1]");
        assertThat(rule.rewrite("What did they discuss there?", List.of(KAMEL, where)))
                .isEqualTo("What did the Hamas delegation discuss in Cairo?");
    }

    @Test
    void aWhoQuestionAboutANamedPersonKeepsThatPerson() {
        Turn who = new Turn("Who is Ahmad Abdel Hadi?", "Who is Ahmad Abdel Hadi?",
                "Hamas representative in Lebanon, Ahmad Abdel Hadi, told Al Mayadeen that the occupation has no "
                        + "intention to reach any deal. [1]");
        assertThat(rule.rewrite("What did he say about Washington?", List.of(who)))
                .isEqualTo("What did Ahmad Abdel Hadi say about Washington?");
    }

    @Test
    void aPersonTheQuestionNamesBeforeItsPronounIsLeftAlone() {
        assertThat(rule.rewrite("What did Netanyahu say his cabinet would never give up?", haniyeh))
                .isEqualTo("What did Netanyahu say his cabinet would never give up?");
        assertThat(rule.rewrite("Who is Hossam Badran and what did he say?", haniyeh))
                .isEqualTo("Who is Hossam Badran and what did he say?");
    }

    @Test
    void theyIsAGroupOfThePreviousQueryNotThePersonItAskedFor() {
        Turn headed = new Turn("Who headed the Hamas delegation that arrived in Cairo on Sunday morning?",
                "Who headed the Hamas delegation that arrived in Cairo on Sunday morning?",
                "Egyptian sources reported the arrival of a delegation of the Hamas movement to Cairo headed by "
                        + "Khalil Al-Hiya. [1]");
        assertThat(rule.rewrite("Which officials arrived in Cairo after them?", List.of(headed)))
                .isEqualTo("Which officials arrived in Cairo after the Hamas delegation?");
        Turn mediators = new Turn("What were the Egyptian and Qatari mediators trying to do?",
                "What were the Egyptian and Qatari mediators trying to do?", "They tried to open the dialogues. [1]");
        assertThat(rule.rewrite("What are they facing?", List.of(mediators)))
                .isEqualTo("What are the Egyptian and Qatari mediators facing?");
        Turn refuge = new Turn("How many Palestinians have sought refuge in Rafah?",
                "How many Palestinians have sought refuge in Rafah?", "Around 1.5 million. [1]");
        assertThat(rule.rewrite("What are they fleeing from?", List.of(refuge)))
                .isEqualTo("What are Palestinians fleeing from?");
    }

    @Test
    void thereAndItAreThePlaceOfThePreviousQuery() {
        Turn refuge = new Turn("How many Palestinians have sought refuge in Rafah?",
                "How many Palestinians have sought refuge in Rafah?", "Around 1.5 million Palestinians. [1]");
        assertThat(rule.rewrite("Who vowed to launch an offensive there?", List.of(refuge)))
                .isEqualTo("Who vowed to launch an offensive in Rafah?");
        assertThat(rule.rewrite("Who threatened to invade it?", List.of(refuge)))
                .isEqualTo("Who threatened to invade Rafah?");
    }

    // ---------------------------------------------------------------- ellipsis

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Who did Ismail Haniyeh meet in Turkey?       | And in Cairo?                   | Who did Ismail Haniyeh meet in Cairo?
            Who did Ismail Haniyeh meet in Turkey?       | and in Qatar                    | Who did Ismail Haniyeh meet in Qatar?
            When will the Hamas delegation go to Cairo?  | And to Doha?                    | When will the Hamas delegation go to Doha?
            What is Hazem Qassem's role in Hamas?        | And Hossam Badran?              | What is Hossam Badran's role in Hamas?
            What is Hazem Qassem's role in Hamas?        | What about Hossam Badran?       | What is Hossam Badran's role in Hamas?
            When did the Hamas delegation arrive?        | And the Israeli delegation?     | When did the Israeli delegation arrive?
            Which agency did the Egyptian source tell?   | And the source from Hamas?      | Which agency did the source from Hamas tell?
            Who is the UN coordinator?                   | And the representative of the EU? | Who is the representative of the EU?
            How many Palestinians fled to Rafah?         | How about in January?           | How many Palestinians fled to Rafah in January?
            """)
    void aFragmentTakesThePlaceOfItsCounterpartInThePreviousQuery(String previous, String followUp,
            String standalone) {
        assertThat(rule.rewrite(followUp, List.of(new Turn(previous, previous, "An answer. [1]"))))
                .isEqualTo(standalone);
    }

    @Test
    void aPhraseBeforeAQuestionJoinsIt() {
        List<Turn> history = List.of(haniyeh.get(0), new Turn("Where did he go after that?",
                "Where did Ismail Haniyeh go after that?", "He returned to Qatar. [1]"));
        assertThat(rule.rewrite("And in Cairo, who did he meet?", history))
                .isEqualTo("Who did Ismail Haniyeh meet in Cairo?");
        assertThat(rule.rewrite("And what did he say?", history)).isEqualTo("What did Ismail Haniyeh say?");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            How many Palestinians have sought refuge in Rafah?
            Who won the 2022 World Cup?
            What did Russia and the United States agree not to disclose?
            Which school was hit in the Nuseirat camp?
            """)
    void aNewTopicCarriesNothingOver(String question) {
        assertThat(rule.rewrite(question, haniyeh)).isEqualTo(question);
    }

    @Test
    void anExistentialThereIsNoPlace() {
        Turn refuge = new Turn("How many Palestinians have sought refuge in Rafah?",
                "How many Palestinians have sought refuge in Rafah?", "Around 1.5 million Palestinians. [1]");
        assertThat(rule.rewrite("Is there a ceasefire?", List.of(refuge))).isEqualTo("Is there a ceasefire?");
        assertThat(rule.rewrite("There was no deal in the end?", List.of(refuge)))
                .isEqualTo("There was no deal in the end?");
        assertThat(rule.rewrite("Did troops go there?", List.of(refuge))).isEqualTo("Did troops go in Rafah?");
    }

    @Test
    void aFragmentThatIsAPronounIsWhoItStandsFor() {
        Turn spokesman = new Turn("Who is the Hamas spokesman?", "Who is the Hamas spokesman?",
                "On Wednesday, Hamas spokesman Hazem Qassem said that his movement did not reach a truce. [1]");
        assertThat(rule.rewrite("What about him?", List.of(spokesman))).isEqualTo("Who is Hazem Qassem?");
        Turn met = new Turn("Who did Ismail Haniyeh meet in Turkey?", "Who did Ismail Haniyeh meet in Turkey?",
                "Ismail Haniyeh met with President Recep Tayyip Erdogan. [1]");
        Turn role = new Turn("What is Hazem Qassem's role in Hamas?", "What is Hazem Qassem's role in Hamas?",
                "Hamas spokesman Hazem Qassem said so. [1]");
        assertThat(rule.rewrite("And him?", List.of(met, role))).isEqualTo("What is Hazem Qassem's role in Hamas?");
    }
}
