package dev.footnote.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter();

    private List<String> split(String text) {
        return splitter.split(text).stream().map(s -> text.substring(s[0], s[1])).toList();
    }

    @Test
    void plainSentences() {
        assertThat(split("The delegation arrived. It met officials! Was it useful? Nobody knows."))
                .containsExactly("The delegation arrived.", "It met officials!", "Was it useful?", "Nobody knows.");
    }

    @Test
    void titlesOfPeople() {
        assertThat(split("Mr. Smith went to Washington. He met Dr. Jones and Mrs. Brown."))
                .containsExactly("Mr. Smith went to Washington.", "He met Dr. Jones and Mrs. Brown.");
        assertThat(split("He met Sen. Warren. And Rep. Smith. Then Gen. Abbas Kamel and Prof. Said."))
                .containsExactly("He met Sen. Warren.", "And Rep. Smith.", "Then Gen. Abbas Kamel and Prof. Said.");
    }

    @Test
    void dottedCountryAbbreviations() {
        assertThat(split("The U.S. Senate voted. The U.K. did not. The U.N. Security Council met."))
                .containsExactly("The U.S. Senate voted.", "The U.K. did not.", "The U.N. Security Council met.");
    }

    @Test
    void initials() {
        assertThat(split("J. K. Rowling wrote it. She is British."))
                .containsExactly("J. K. Rowling wrote it.", "She is British.");
        assertThat(split("The report by George W. Bush was read. It was long."))
                .containsExactly("The report by George W. Bush was read.", "It was long.");
    }

    @Test
    void monthsEtAlAndParenthesis() {
        assertThat(split("In this Jan. 25, 2012, file photo, Barghouti appears. (AP Photo)"))
                .containsExactly("In this Jan. 25, 2012, file photo, Barghouti appears.", "(AP Photo)");
        assertThat(split("Smith et al. found it. Others disagreed."))
                .containsExactly("Smith et al. found it.", "Others disagreed.");
        assertThat(split("(Mr. Smith) left. Then Dr. Who came."))
                .containsExactly("(Mr. Smith) left.", "Then Dr. Who came.");
    }

    @Test
    void lowerCaseAfterAFullStopContinuesTheSentence() {
        assertThat(split("It happened at 3 p.m. on Sunday. Then it rained."))
                .containsExactly("It happened at 3 p.m. on Sunday.", "Then it rained.");
        assertThat(split("e.g. this one. And i.e. that one."))
                .containsExactly("e.g. this one.", "And i.e. that one.");
    }

    @Test
    void ellipsisInsideASentence() {
        String s = "\"Netanyahu was the obstructionist of all previous rounds of dialog... and it is clear that he "
                + "still is,\" Hossam Badran confirmed.";
        assertThat(split(s)).containsExactly(s);
    }

    @Test
    void quotedSentencesEndWithTheirQuote() {
        assertThat(split("\"Hamas continues making extreme demands. Their main demand is that we withdraw.\" He said."))
                .containsExactly("\"Hamas continues making extreme demands.",
                        "Their main demand is that we withdraw.\"", "He said.");
    }

    @Test
    void spansAreTrimmedAndCoverTheText() {
        String text = "  First one.   Second one.  ";
        List<int[]> spans = splitter.split(text);
        assertThat(spans).hasSize(2);
        assertThat(text.substring(spans.get(0)[0], spans.get(0)[1])).isEqualTo("First one.");
        assertThat(text.substring(spans.get(1)[0], spans.get(1)[1])).isEqualTo("Second one.");
        assertThat(spans.get(0)[1]).isLessThanOrEqualTo(spans.get(1)[0]);
    }

    @Test
    void emptyAndBlankText() {
        assertThat(splitter.split("")).isEmpty();
        assertThat(splitter.split("   \t ")).isEmpty();
        assertThat(split("No full stop at all")).containsExactly("No full stop at all");
    }

    @Test
    void knownOverJoinsArePinned() {
        // Trade-offs of the abbreviation list: a sentence that really ends in "U.S." or the word "no" is joined
        // to the next one. Pinned so that a change is a decision.
        assertThat(split("He lives in the U.S. The weather is fine."))
                .containsExactly("He lives in the U.S. The weather is fine.");
        assertThat(split("He said no. Then he left.")).containsExactly("He said no. Then he left.");
    }

    @Test
    void abbreviationAfterAnOpeningQuote() {
        assertThat(split("\"Mr. Smith,\" she said. Then she left."))
                .containsExactly("\"Mr. Smith,\" she said.", "Then she left.");
        assertThat(split("“Dr. Jones is here,” she said."))
                .containsExactly("“Dr. Jones is here,” she said.");
    }

}
