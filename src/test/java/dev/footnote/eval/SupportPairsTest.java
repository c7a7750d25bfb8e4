package dev.footnote.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.answer.SupportJudge;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How training pairs are made from a passage's sentences: each rewording and perturbation on written examples. */
class SupportPairsTest {

    private static Passage passage(String file, int line, String heading, String... sentences) {
        List<Sentence> s = new ArrayList<>();
        for (String t : sentences) {
            s.add(new Sentence(t, line, line));
            line++;
        }
        return new Passage(file, s.get(0).startLine(), s.get(s.size() - 1).endLine(), s, heading);
    }

    private static final List<Passage> ARTICLE = List.of(
            passage("a.txt", 1, "Super Bowl 50",
                    "The Denver Broncos defeated the Carolina Panthers 24 to 10 to earn their third title.",
                    "The game was played on February 7, 2016, at Levi's Stadium in Santa Clara."),
            passage("a.txt", 3, "Super Bowl 50",
                    "In 2015, the league emphasized the golden anniversary with various gold-themed initiatives.",
                    "Coldplay headlined the halftime show with Beyonce and Bruno Mars, which was not broadcast live."),
            passage("a.txt", 5, "Broadcasting",
                    "CBS broadcast the game in the United States and charged 5 million dollars for a commercial.",
                    "The network said that 111.9 million viewers watched it in March."));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "The Denver Broncos defeated the Carolina Panthers 24 to 10.|The Carolina Panthers defeated the Denver Broncos 24 to 10.",
            "Netanyahu has vowed to launch an offensive in Rafah.|Rafah has vowed to launch an offensive in Netanyahu.",
            "CBS and NBC broadcast the game.|",
            "The network aired Sherlock Holmes in March.|"})
    void subjectAndObjectAreTheNamesOnEitherSideOfAVerbNotOfAList(String sentence, String swapped) {
        assertThat(SupportPairs.swapped(sentence)).isEqualTo(swapped);
    }

    @Test
    void negationsAreAddedAfterAnAuxiliaryOrBeforeAVerbAndRemoved() {
        assertThat(SupportPairs.negated("Netanyahu has vowed to launch an offensive in Rafah."))
                .isEqualTo("Netanyahu has not vowed to launch an offensive in Rafah.");
        assertThat(SupportPairs.negated("Coldplay headlined the halftime show."))
                .isEqualTo("Coldplay never headlined the halftime show.");
        assertThat(SupportPairs.negated("The show was not broadcast live.")).isNull();
        assertThat(SupportPairs.unnegated("The show was not broadcast live."))
                .isEqualTo("The show was broadcast live.");
        assertThat(SupportPairs.unnegated("They didn't reach a deal.")).isEqualTo("They did reach a deal.");
        assertThat(SupportPairs.unnegated("The show was broadcast live.")).isNull();
    }

    @Test
    void rewordingsKeepTheClaimAndChangeItsWords() {
        assertThat(SupportPairs.reordered("In 2015, the league emphasized the golden anniversary."))
                .isEqualTo("The league emphasized the golden anniversary in 2015.");
        assertThat(SupportPairs.reordered("Heath asked the British to heat only one room in their houses."))
                .isEqualTo("In their houses, Heath asked the British to heat only one room.");
        assertThat(SupportPairs.shortened("The network said that 111.9 million viewers watched the game, a record "
                + "for the network.")).isEqualTo("The network said that 111.9 million viewers watched the game.");
        assertThat(SupportPairs.shortened("In 2015, the league emphasized the golden anniversary with gold."))
                .isEqualTo("The league emphasized the golden anniversary with gold.");
        SupportPairs maker = new SupportPairs(SupportPairs.Pool.of(ARTICLE), 1);
        String reworded = maker.reworded("The Big Three networks said that the crisis began in 1973.");
        assertThat(reworded).contains("Big Three").isNotEqualTo("The Big Three networks said that the crisis began "
                + "in 1973.");
    }

    @Test
    void replacementsComeFromElsewhereAndAreNotInThePassage() {
        SupportPairs.Pool pool = SupportPairs.Pool.of(ARTICLE);
        assertThat(pool.names()).contains("Denver Broncos", "Coldplay", "CBS").doesNotContain("March", "The");
        assertThat(pool.years()).contains("2016", "2015");
        assertThat(pool.numbers()).contains("24", "111.9").doesNotContain("2016");
        SupportPairs maker = new SupportPairs(pool, 3);
        String context = String.join(" ", ARTICLE.get(0).sentences().stream().map(Sentence::text).toList());
        for (int i = 0; i < 20; i++) {
            String name = maker.replacedName("Coldplay headlined the halftime show.", context);
            assertThat(name).doesNotStartWith("Coldplay").doesNotContain("Broncos", "Panthers", "Levi");
            String number = maker.replacedNumber("The Broncos scored 24 points.", context, false);
            assertThat(number).doesNotContain(" 24 ", " 10 ", " 7 ");
            String date = maker.replacedDate("The game was played on February 7, 2016.", context);
            assertThat(date).isNotEqualTo("The game was played on February 7, 2016.").doesNotContain("February");
        }
    }

    @Test
    void pairsAreLabelledBySupportAndTheSameForTheSameSeed() {
        SupportPairs.Pool pool = SupportPairs.Pool.of(ARTICLE);
        List<SupportPairs.Pair> a = new SupportPairs(pool, 7).pairs("a.txt", ARTICLE, 2);
        List<SupportPairs.Pair> b = new SupportPairs(pool, 7).pairs("a.txt", ARTICLE, 2);
        assertThat(a).isEqualTo(b);
        assertThat(a).extracting(SupportPairs.Pair::kind).contains(SupportPairs.Kind.VERBATIM,
                SupportPairs.Kind.SWAPPED, SupportPairs.Kind.NEGATION_ADDED, SupportPairs.Kind.NEGATION_REMOVED,
                SupportPairs.Kind.OTHER_PASSAGE);
        for (SupportPairs.Pair p : a) {
            assertThat(p.supported()).isEqualTo(p.kind().supported());
            if (p.kind() == SupportPairs.Kind.VERBATIM) {
                assertThat(p.sentences()).contains(p.claim());
            }
            if (p.kind() == SupportPairs.Kind.OTHER_PASSAGE) {
                assertThat(p.sentences()).doesNotContain(p.claim());
            }
        }
    }

    @Test
    void theJudgeRejectsThePerturbedPairsOfAWrittenPassageAndKeepsItsSentences() {
        SupportJudge judge = SupportJudge.standard();
        SupportPairs.Pool pool = SupportPairs.Pool.of(ARTICLE);
        List<SupportPairs.Pair> pairs = new SupportPairs(pool, 11).pairs("a.txt", ARTICLE, 2);
        Set<SupportPairs.Kind> hard = EnumSet.of(SupportPairs.Kind.NAME, SupportPairs.Kind.NUMBER,
                SupportPairs.Kind.DATE, SupportPairs.Kind.SWAPPED);
        for (SupportPairs.Pair p : pairs) {
            boolean accepted = judge.judge(p.claim(), SupportJudge.evidence(p.sentences(), p.heading())).supported();
            if (p.kind() == SupportPairs.Kind.VERBATIM || hard.contains(p.kind())) {
                assertThat(accepted).as(p.kind() + ": " + p.claim()).isEqualTo(p.supported());
            }
        }
    }
}
