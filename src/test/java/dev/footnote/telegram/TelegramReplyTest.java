package dev.footnote.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.answer.Answer;
import dev.footnote.answer.Citation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A long answer becomes Telegram messages cut only between sentences, each within the limit, with nothing lost and
 * no HTML escape cut in half; a sentence longer than a message alone is cut between words.
 */
class TelegramReplyTest {

    /** An {@code &} that does not begin one of the escapes {@link TelegramReply#escape} writes: one cut short. */
    private static final Pattern CUT_ESCAPE = Pattern.compile("&(?!(amp|lt|gt|quot);)");

    private static Answer answer(String text) {
        return new Answer(text, true, List.of(new Citation(1, "000_a.txt", 3, 4, "AT&T <rose>", 0.9)),
                List.of(), 0, "c", "q", "test", null, null);
    }

    /** Sentences of different lengths, full of HTML's special characters, some starting with a number. */
    private static List<String> sentences(int count) {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sentences.add(i % 5 == 4
                    ? i + " people left \"Block " + i + "\" & went south [1]."
                    : "Shares of AT&T rose <" + i + "%> after the \"deal\"" + " & more".repeat(i % 7) + " [1].");
        }
        return sentences;
    }

    @Test
    void aLongAnswerIsCutAtSentenceEndsWithinTheLimitAndLosesNothing() {
        List<String> sentences = sentences(400);
        String text = String.join(" ", sentences);
        assertThat(TelegramReply.escape(text).length()).isGreaterThan(3 * TelegramReply.MAX_MESSAGE);

        List<String> messages = TelegramReply.of(answer(text));

        assertThat(messages).hasSizeGreaterThanOrEqualTo(4);
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.length()).isLessThanOrEqualTo(TelegramReply.MAX_MESSAGE);
            assertThat(m).doesNotContainPattern(CUT_ESCAPE);
        });
        // The answer's text is the messages' text up to the sources, cut only where a sentence ends.
        String last = messages.getLast();
        int sources = last.indexOf("<b>Sources</b>");
        List<String> parts = new ArrayList<>(messages.subList(0, messages.size() - 1));
        if (sources > 0) {
            parts.add(last.substring(0, sources).strip());
        }
        assertCutBetween(sentences, parts);
        assertThat(last).endsWith("<code>000_a.txt:3-4</code> <i>AT&amp;T &lt;rose&gt;</i>");
    }

    @Test
    void aCutNeverFallsAfterAnAbbreviation() {
        // "Dr." and "Mr." end no sentence: a split at every full stop would cut after "Mr." to fill the first part.
        List<String> parts = TelegramReply.escapedParts("The river rose fast. Dr. Lee met Mr. Khan in Rafah.", 40);

        assertThat(parts).containsExactly("The river rose fast.", "Dr. Lee met Mr. Khan in Rafah.");
    }

    @Test
    void aSentenceStartingWithANumberMayStartAPart() {
        List<String> parts = TelegramReply.escapedParts("The toll rose in 2023. 34 people were hurt & 5 died.", 40);

        assertThat(parts).containsExactly("The toll rose in 2023.", "34 people were hurt &amp; 5 died.");
    }

    @Test
    void aSentenceLongerThanAPartIsCutBetweenWords() {
        String sentence = "AT&T said <b> \"no\"" + " & the shares rose".repeat(30) + ".";
        int max = 100;

        List<String> parts = TelegramReply.escapedParts("Short one. " + sentence, max);

        assertThat(parts.getFirst()).isEqualTo("Short one.");
        List<String> cut = parts.subList(1, parts.size());
        assertThat(cut).hasSizeGreaterThan(1).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(max);
            assertThat(p).doesNotContainPattern(CUT_ESCAPE).doesNotStartWith(" ").doesNotEndWith(" ");
        });
        assertThat(String.join(" ", cut)).isEqualTo(TelegramReply.escape(sentence));
    }

    @Test
    void aWordLongerThanAPartIsCutBetweenEscapes() {
        String word = "&<>\"".repeat(40);

        List<String> parts = TelegramReply.escapedParts(word, 50);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(50);
            assertThat(p).doesNotContainPattern(CUT_ESCAPE);
        });
        assertThat(String.join("", parts)).isEqualTo(TelegramReply.escape(word));
    }

    /**
     * {@code parts}, read in order, are the escaped sentences joined by spaces, and each part ends where a sentence
     * does; so nothing is lost or added and no sentence is cut.
     */
    private static void assertCutBetween(List<String> sentences, List<String> parts) {
        String whole = TelegramReply.escape(String.join(" ", sentences));
        Set<Integer> sentenceEnds = new HashSet<>();
        int end = -1;
        for (String s : sentences) {
            end += 1 + TelegramReply.escape(s).length();
            sentenceEnds.add(end);
        }
        int at = 0;
        for (String part : parts) {
            assertThat(whole.startsWith(part, at)).as("part at %d is the text that follows", at).isTrue();
            at += part.length();
            assertThat(sentenceEnds).as("part ending at %d ends a sentence", at).contains(at);
            at++;
        }
        assertThat(at - 1).as("every sentence is in a part").isEqualTo(whole.length());
    }

    @Test
    void aShortAnswerLeadsTheReplyInBoldWithTheMarkerOfItsCitation() {
        Answer answer = new Answer("Around 1.5 million <people> fled [1].", true,
                List.of(new Citation(1, "003.txt", 21, 21, "Around 1.5 million people fled.", 0.9)),
                List.of(new dev.footnote.answer.AnswerSentence("Around 1.5 million <people> fled.", List.of(1), true)),
                0, "c", "q", "extractive", null, null, null, null, "1.5 million", 0.9, 1);
        List<String> messages = TelegramReply.of(answer);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).startsWith("<b>1.5 million</b> [1]\nAround 1.5 million &lt;people&gt; fled [1].");
        assertThat(TelegramReply.of(answer("Plain [1].")).get(0)).startsWith("Plain [1].");
    }
}
