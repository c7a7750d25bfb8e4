package dev.footnote.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    @Test
    void articlesNeverStartASentenceWithADigit() {
        // Pinned: changing it would change the passages of indexed articles.
        assertThat(split("It fell in Rafah. 34622 were killed."))
                .containsExactly("It fell in Rafah. 34622 were killed.");
    }

    @Test
    void aReplyMayStartASentenceWithADigit() {
        SentenceSplitter replies = SentenceSplitter.forReplies();
        java.util.function.Function<String, List<String>> split = text -> replies.split(text).stream()
                .map(s -> text.substring(s[0], s[1])).toList();
        assertThat(split.apply("It fell in Rafah. 34622 were killed. \"Yes.\" 3 left! 2 stayed."))
                .containsExactly("It fell in Rafah.", "34622 were killed.", "\"Yes.\"", "3 left!", "2 stayed.");
        // Abbreviations, initials and decimals keep their digits.
        assertThat(
                split.apply("It was No. 5 on the list since Jan. 25 and grew 1.5 percent. It met the U.S. 34 times."))
                .containsExactly("It was No. 5 on the list since Jan. 25 and grew 1.5 percent.",
                        "It met the U.S. 34 times.");
        assertThat(split.apply("Written by George W. 2 times. Done."))
                .containsExactly("Written by George W. 2 times.", "Done.");
        // A list item's number stays with its item.
        assertThat(split.apply("1. They met.\n2. They left.\n3) They came back."))
                .containsExactly("1. They met.", "2. They left.", "3) They came back.");
        // The articles' cases are unchanged.
        assertThat(split.apply("Mr. Smith went to Washington. He met Dr. Jones."))
                .containsExactly("Mr. Smith went to Washington.", "He met Dr. Jones.");
    }
}
