package dev.footnote.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import dev.footnote.answer.Answer;
import dev.footnote.answer.Citation;
import dev.footnote.answer.CitationChecker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reply keeps within Slack's limits whatever the answer's size, and a refusal comes without sources. */
class SlackReplyTest {

    private static Answer answer(String text, boolean answered, int citations) {
        List<Citation> list = new ArrayList<>();
        for (int i = 1; i <= citations; i++) {
            list.add(new Citation(i, "f" + i + ".txt", i, i + 1, "Quote <" + i + "> & more " + "x".repeat(400), 0.5));
        }
        return new Answer(text, answered, list, List.of(), 0, "c", text, "test", null, null);
    }

    @Test
    void aLongAnswerWithManySourcesStaysWithinTheLimits() {
        String text = "A sentence that goes on about the articles [1]. ".repeat(400);
        SlackReply reply = SlackReply.of(answer(text, true, 80));
        assertThat(reply.blocks()).hasSizeLessThanOrEqualTo(SlackReply.MAX_BLOCKS);
        for (LayoutBlock b : reply.blocks()) {
            if (b instanceof SectionBlock s) {
                assertThat(s.getText().getText().length()).isLessThanOrEqualTo(SlackReply.MAX_SECTION_TEXT);
            }
        }
        assertThat(reply.text().length()).isLessThanOrEqualTo(SlackReply.MAX_FALLBACK_TEXT);
        assertThat(reply.blocks().toString()).contains("more sources not shown");
    }

    @Test
    void articleTextIsEscapedForSlack() {
        SlackReply reply = SlackReply.of(answer("AT&T <b>rose</b> [1].", true, 1));
        String all = reply.blocks().toString();
        assertThat(all).contains("AT&amp;T &lt;b&gt;rose&lt;/b&gt; [1].").contains("Quote &lt;1&gt; &amp; more");
    }

    @Test
    void aRefusalReadsAsOne() {
        SlackReply reply = SlackReply.of(answer("The articles do not answer this question.", false, 0));
        assertThat(reply.text()).isEqualTo("The articles do not answer this question.");
        assertThat(reply.blocks().toString()).doesNotContain("Sources").contains("no sources");
    }

    @Test
    void anUncheckedModelAnswerIsNotCalledARefusal() {
        SlackReply reply = SlackReply.of(answer(CitationChecker.UNCHECKED
                + " The closest passage is [1].", false, 1));
        assertThat(reply.blocks().toString()).contains("not checked").doesNotContain("Nothing in the articles");
    }

    @Test
    void aShortAnswerLeadsTheReplyWithTheMarkerOfItsCitation() {
        Answer answer = new Answer("Egyptian intelligence chief Abbas Kamel met them [1].", true,
                List.of(new Citation(1, "004.txt", 12, 12, "Abbas Kamel met them.", 0.9)),
                List.of(new dev.footnote.answer.AnswerSentence("Egyptian intelligence chief Abbas Kamel met them.",
                        List.of(1), true)),
                0, "c", "q", "extractive", null, null, null, null, "Abbas Kamel", 0.9, 1);
        SlackReply reply = SlackReply.of(answer);
        assertThat(((SectionBlock) reply.blocks().get(0)).getText().getText()).isEqualTo("*Abbas Kamel* [1]");
        assertThat(((SectionBlock) reply.blocks().get(1)).getText().getText()).startsWith("Egyptian intelligence");
        // without one, the reply starts with the answer as before
        assertThat(((SectionBlock) SlackReply.of(answer("Some text [1].", true, 1)).blocks().get(0)).getText()
                .getText()).isEqualTo("Some text [1].");
    }
}
