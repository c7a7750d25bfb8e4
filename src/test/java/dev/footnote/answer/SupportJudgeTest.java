package dev.footnote.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The support judge on sentences written here against passages written here: names, numbers and roles that the
 * passage does not back, negations, and the restatements a model makes of what it read.
 */
class SupportJudgeTest {

    private static final String HEADING = "Hamas Delegation in Cairo for Ceasefire Talks";
    /** Lines 15 to 25 of the sample article 003, as a passage's sentences. */
    private static final List<String> RAFAH = List.of(
            "While Hamas has demanded a lasting ceasefire, Netanyahu has vowed to launch an offensive in the "
                    + "far-southern city of Rafah, which is packed with displaced civilians.",
            "Netanyahu has insisted he will send ground troops into Rafah, despite strong concerns voiced by UN "
                    + "agencies and ally Washington for the safety of the civilians inside the city.",
            "Around 1.5 million Palestinians have sought refuge in the city from the ravages of the war that has so "
                    + "far martyred at least 34622 Palestinians.");
    private static final List<String> HANIYEH = List.of(
            "Badran said Netanyahu's resolve to attack Rafah was calculated to \"thwart any possibility of "
                    + "concluding an agreement.\"",
            "The leader of the Palestinian resistance movement Hamas, Ismail Haniyeh has returned to Qatar following "
                    + "a trip to Turkey, where he met with President Recep Tayyip Erdogan and other senior officials.");
    private static final List<String> SUPER_BOWL = List.of(
            "Super Bowl 50 was an American football game to determine the champion of the National Football League "
                    + "(NFL) for the 2015 season.",
            "The American Football Conference (AFC) champion Denver Broncos defeated the National Football "
                    + "Conference (NFC) champion Carolina Panthers 24-10 to earn their third Super Bowl title.",
            "The game was played on February 7, 2016, at Levi's Stadium in the San Francisco Bay Area at Santa "
                    + "Clara, California.");

    private final SupportJudge judge = SupportJudge.standard();

    private SupportJudge.Verdict judge(String claim, List<String> passage) {
        return judge.judge(claim, SupportJudge.evidence(passage, HEADING));
    }

    @Test
    void theShippedModelLoadsWithEveryFeatureAndAThresholdSetForAPrecision() throws IOException {
        SupportJudge.Model m = judge.model();
        assertThat(m.features()).isEqualTo(SupportJudge.FEATURES);
        assertThat(m.threshold()).isBetween(0.01, 0.99);
        assertThat(m.precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(SupportJudge.parse(SupportJudge.write(m).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(m);
    }

    @Test
    void anotherNameActingOnTheVerbIsRejected() {
        // The passage names Netanyahu alone: Hamas is a name it does not hold.
        SupportJudge.Verdict alone = judge.judge("Hamas has vowed to launch an offensive in Rafah.",
                SupportJudge.evidence(List.of("Netanyahu vowed to launch an offensive in Rafah."), ""));
        assertThat(alone.supported()).isFalse();
        assertThat(alone.broken()).contains(SupportJudge.Rule.NAMES);
        // The article names both, and Hamas demands while Netanyahu vows.
        SupportJudge.Verdict both = judge("Hamas has vowed to launch an offensive in Rafah.", RAFAH);
        assertThat(both.supported()).isFalse();
        assertThat(both.broken()).containsExactly(SupportJudge.Rule.ROLES);
        // Said of the one who vowed, it stands.
        SupportJudge.Verdict right = judge("Netanyahu has vowed to launch an offensive in Rafah.", RAFAH);
        assertThat(right.supported()).isTrue();
        assertThat(right.broken()).isEmpty();
        assertThat(right.probability()).isGreaterThan(both.probability());
        assertThat(judge("Netanyahu vowed to launch an offensive in Rafah.",
                List.of("Netanyahu vowed to launch an offensive in Rafah.")).supported()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "The Carolina Panthers defeated the Denver Broncos to earn their third Super Bowl title.|false",
            "The Denver Broncos defeated the Carolina Panthers to earn their third Super Bowl title.|true",
            "The Broncos defeated the Panthers 24-10.|true",
            "The Panthers defeated the Broncos 24-10.|false"})
    void subjectAndObjectSwappedAreRejected(String claim, boolean supported) {
        assertThat(judge(claim, SUPER_BOWL).supported()).as(claim).isEqualTo(supported);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Erdogan returned to Qatar following a trip to Turkey.|false",
            "Ismail Haniyeh returned to Qatar after a trip to Turkey.|true",
            "Netanyahu said Badran's resolve to attack Rafah was calculated to thwart an agreement.|false",
            "Badran said Netanyahu's resolve to attack Rafah was calculated to thwart an agreement.|true"})
    void rolesInTheSampleArticles(String claim, boolean supported) {
        assertThat(judge(claim, HANIYEH).supported()).as(claim).isEqualTo(supported);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Around 2.5 million Palestinians have sought refuge in the city.|NUMBERS",
            "Around 1.5 million Palestinians have sought refuge in Khan Younis.|NAMES",
            "Netanyahu has vowed to launch an offensive in Rafah in March.|NAMES",
            "At least 34622 Palestinians were martyred in 2023.|NUMBERS"})
    void namesAndNumbersThePassageLacksAreRejected(String claim, SupportJudge.Rule rule) {
        SupportJudge.Verdict v = judge(claim, RAFAH);
        assertThat(v.supported()).as(claim).isFalse();
        assertThat(v.broken()).as(claim).contains(rule);
    }

    @Test
    void aNegationAddedOrLostIsRejected() {
        assertThat(judge("Netanyahu has not vowed to launch an offensive in Rafah.", RAFAH).supported()).isFalse();
        assertThat(judge("Netanyahu has never vowed to launch an offensive in Rafah.", RAFAH).supported()).isFalse();
        List<String> denied = List.of("Hamas spokesman Hazem Qassem said that his movement did not reach a "
                + "long-term truce agreement with Israel.");
        assertThat(judge("Hazem Qassem said that Hamas did reach a long-term truce agreement with Israel.", denied)
                .supported()).isFalse();
        assertThat(judge("Hazem Qassem said that his movement did not reach a long-term truce agreement with Israel.",
                denied).supported()).isTrue();
    }

    /** The sentences the project's model-answer tests send, each against the passage it cites, as they expect. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Around 1.5 million Palestinians have sought refuge in Rafah.|true",
            "About 1.5 million Palestinians have sought refuge in Rafah.|true",
            "Around 1.5 million Palestinians have sought refuge in the city.|true",
            "Sources say around 1.5 million Palestinians have sought refuge in the city.|true",
            "They fled the ravages of the war.|true",
            "Netanyahu wants to attack the city.|true",
            "34622 Palestinians have been martyred in the war.|true",
            "At least 34,622 Palestinians were killed.|true",
            "Around 1.5 million Palestinians have sought **refuge** in *Rafah*.|true",
            "Most of them live in tents.|false",
            "He travelled a lot.|false",
            "The World Cup final was played in Doha.|false",
            "Around 2.5 million Palestinians have sought refuge in the city.|false"})
    void theModelAnswerTestsSentencesAgainstTheRefugePassage(String claim, boolean supported) {
        List<String> passage = List.of(RAFAH.get(1), RAFAH.get(2), HANIYEH.get(0));
        assertThat(judge(claim, passage).supported()).as(claim).isEqualTo(supported);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Haniyeh returned to Qatar.|true",
            "Ismail Haniyeh returned to Qatar after his trip to Turkey.|true",
            "Haniyeh met Erdogan in Turkey.|true",
            "Haniyeh returned to Qatar (2024) after visiting Turkey.|false",
            "Haniyeh is in Qatar.|true"})
    void theModelAnswerTestsSentencesAgainstTheHaniyehPassage(String claim, boolean supported) {
        assertThat(judge(claim, HANIYEH).supported()).as(claim).isEqualTo(supported);
    }

    @Test
    void withoutItsHardRulesTheJudgeLeavesItToTheModel() {
        SupportJudge lenient = SupportJudge.of(judge.model(), EnumSet.noneOf(SupportJudge.Rule.class));
        SupportJudge.Verdict v = lenient.judge("Hamas has vowed to launch an offensive in Rafah.",
                SupportJudge.evidence(RAFAH, HEADING));
        assertThat(v.broken()).containsExactly(SupportJudge.Rule.ROLES);
        assertThat(v.supported()).isEqualTo(v.probability() >= judge.model().threshold());
    }
}
