package dev.footnote.slack;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.footnote.answer.Answer;
import dev.footnote.answer.Citation;
import dev.footnote.answer.CitationChecker;
import dev.footnote.messenger.ShortAnswerLine;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer as a Slack message: the text with its {@code [n]} markers, then one block per source
 * ({@code file:lines} and a short quote). Every block stays within Slack's limits: a section's text at most
 * 3,000 characters, a message at most 50 blocks; sources that do not fit are counted, not dropped silently.
 */
public record SlackReply(String text, List<LayoutBlock> blocks) {

    public static final int MAX_BLOCKS = 50;
    public static final int MAX_SECTION_TEXT = 3000;
    public static final int MAX_FALLBACK_TEXT = 3000;
    static final int QUOTE_CHARS = 280;

    public static SlackReply of(Answer answer) {
        List<LayoutBlock> blocks = new ArrayList<>();
        ShortAnswerLine lead = ShortAnswerLine.of(answer);
        if (lead != null) {
            blocks.add(section(shortAnswer(lead)));
        }
        List<String> parts = split(escape(answer.answer()), MAX_SECTION_TEXT);
        // Leave room for the divider, the sources heading, at least one source and a "more" note.
        int answerRoom = MAX_BLOCKS - 5 - blocks.size();
        for (int i = 0; i < parts.size() && i < answerRoom; i++) {
            blocks.add(section(parts.get(i)));
        }
        if (!answer.answered()) {
            // A model's reply that cited nothing was not checked: that is not the articles failing to answer.
            blocks.add(context(answer.answer().startsWith(CitationChecker.UNCHECKED)
                    ? "_The model cited no passage, so its answer was not checked and there are no sources._"
                    : "_Nothing in the articles answers this, so there are no sources._"));
        } else if (!answer.citations().isEmpty()) {
            blocks.add(DividerBlock.builder().build());
            blocks.add(context("*Sources*"));
            List<Citation> citations = answer.citations();
            for (int i = 0; i < citations.size(); i++) {
                boolean last = i == citations.size() - 1;
                int left = MAX_BLOCKS - blocks.size();
                if (left == 1 && !last) {
                    blocks.add(context("_…and " + (citations.size() - i) + " more sources not shown here._"));
                    break;
                }
                blocks.add(section(source(citations.get(i))));
            }
        }
        if (answer.fallback() != null) {
            if (blocks.size() == MAX_BLOCKS) {
                blocks.removeLast();
            }
            blocks.add(context("_The language model could not answer; this is the extractive answer._"));
        }
        String text = answer.answer().length() > MAX_FALLBACK_TEXT
                ? answer.answer().substring(0, MAX_FALLBACK_TEXT - 1) + "…"
                : answer.answer();
        return new SlackReply(escape(text), List.copyOf(blocks));
    }

    /** The short answer in bold, then its marker: {@code *Abbas Kamel* [1]}. */
    static String shortAnswer(ShortAnswerLine lead) {
        String text = "*" + escape(lead.text()).replace("*", "") + "*";
        return lead.marker().isEmpty() ? text : text + " " + lead.marker();
    }

    /** {@code *[1]* `file.txt:21-22`} and the quote, each as Slack shows it. */
    static String source(Citation c) {
        return "*[" + c.id() + "]* `" + escape(c.file()).replace("`", "'") + ":" + c.lines() + "`\n>"
                + escape(c.quoteLine(QUOTE_CHARS));
    }

    /** Slack's three control characters in message text; everything else is shown as written. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Pieces of at most {@code max} characters, cut at a line break or space where there is one, never inside an escape. */
    static List<String> split(String s, int max) {
        List<String> parts = new ArrayList<>();
        String rest = s;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 2) {
                cut = max;
                int amp = rest.lastIndexOf('&', cut - 1);
                if (amp >= 0 && amp > cut - 5 && rest.indexOf(';', amp) >= cut) {
                    cut = amp;
                }
            }
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest.isEmpty() ? " " : rest);
        }
        return parts;
    }

    private static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(mrkdwn).build()).build();
    }

    private static ContextBlock context(String mrkdwn) {
        return ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text(mrkdwn).build())).build();
    }
}
