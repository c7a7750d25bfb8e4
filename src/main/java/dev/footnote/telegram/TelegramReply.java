package dev.footnote.telegram;

import dev.footnote.answer.Answer;
import dev.footnote.answer.Citation;
import dev.footnote.corpus.SentenceSplitter;
import dev.footnote.messenger.ShortAnswerLine;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer as Telegram messages in its HTML parse mode: the text with its {@code [n]} markers, then the
 * sources ({@code file:lines} and a short quote). Every piece of article text is escaped. A reply longer than
 * Telegram's 4,096 characters becomes several messages, cut between paragraphs, sentences or sources, or between
 * words inside a sentence too long for one message, never inside a tag or an escape.
 */
public final class TelegramReply {

    public static final int MAX_MESSAGE = 4096;
    static final int QUOTE_CHARS = 280;
    /** An answer is a reply, so a sentence may start with a digit ("… in 2023. 34 people …"). */
    private static final SentenceSplitter SENTENCES = SentenceSplitter.forReplies();

    private TelegramReply() {
    }

    public static List<String> of(Answer answer) {
        return of(answer, MAX_MESSAGE);
    }

    static List<String> of(Answer answer, int max) {
        List<String> pieces = new ArrayList<>();
        ShortAnswerLine lead = ShortAnswerLine.of(answer);
        if (lead != null) {
            pieces.add("<b>" + escape(lead.text()) + "</b>" + (lead.marker().isEmpty() ? "" : " " + lead.marker()));
        }
        for (String paragraph : answer.answer().strip().split("\n", -1)) {
            if (!paragraph.isBlank()) {
                pieces.addAll(escapedParts(paragraph.strip(), max));
            }
        }
        if (pieces.isEmpty()) {
            pieces.add(escape("(no answer)"));
        }
        if (answer.answered() && !answer.citations().isEmpty()) {
            pieces.add("");
            pieces.add("<b>Sources</b>");
            for (Citation c : answer.citations()) {
                pieces.add(source(c));
            }
        }
        if (answer.fallback() != null) {
            pieces.add("");
            pieces.add("<i>The language model could not answer; this is the extractive answer.</i>");
        }
        return pack(pieces, max);
    }

    /** {@code [1] <code>file.txt:21-22</code>} and the quote in italics. */
    static String source(Citation c) {
        return "[" + c.id() + "] <code>" + escape(c.file()) + ":" + c.lines() + "</code> <i>"
                + escape(c.quoteLine(QUOTE_CHARS)) + "</i>";
    }

    /** The characters Telegram's HTML mode reads as markup. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * Plain text, escaped, in parts of at most {@code max} characters each: cut between sentences as the project's
     * sentence splitter finds them, or between words inside a sentence too long for one part. Sentences are escaped
     * one by one, so a cut never falls inside an escape; those in one part are joined by a space.
     */
    static List<String> escapedParts(String text, int max) {
        List<String> units = new ArrayList<>();
        for (int[] span : SENTENCES.split(text)) {
            String sentence = text.substring(span[0], span[1]);
            String escaped = escape(sentence);
            if (escaped.length() <= max) {
                units.add(escaped);
            } else {
                units.addAll(words(sentence, max));
            }
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String unit : units) {
            int extra = part.isEmpty() ? unit.length() : unit.length() + 1;
            if (part.length() + extra > max) {
                flush(parts, part);
            }
            if (!part.isEmpty()) {
                part.append(' ');
            }
            part.append(unit);
        }
        flush(parts, part);
        return parts;
    }

    /** One sentence, escaped, in parts cut between words (or, for a word longer than a part, never inside an escape). */
    private static List<String> words(String text, int max) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String word : text.split(" ", -1)) {
            String w = escape(word);
            while (w.length() > max) {
                int cut = max;
                int amp = w.lastIndexOf('&', cut - 1);
                if (amp >= 0 && w.indexOf(';', amp) >= cut) {
                    cut = amp;
                }
                flush(parts, part);
                parts.add(w.substring(0, cut));
                w = w.substring(cut);
            }
            int extra = part.isEmpty() ? w.length() : w.length() + 1;
            if (part.length() + extra > max) {
                flush(parts, part);
            }
            if (!part.isEmpty()) {
                part.append(' ');
            }
            part.append(w);
        }
        flush(parts, part);
        return parts;
    }

    private static void flush(List<String> parts, StringBuilder part) {
        if (!part.isEmpty()) {
            parts.add(part.toString());
            part.setLength(0);
        }
    }

    /** Pieces (each at most {@code max}, each balanced) joined by line breaks into as few messages as fit. */
    static List<String> pack(List<String> pieces, int max) {
        List<String> messages = new ArrayList<>();
        StringBuilder message = new StringBuilder();
        for (String piece : pieces) {
            int extra = message.isEmpty() ? piece.length() : piece.length() + 1;
            if (message.length() + extra > max) {
                messages.add(message.toString().strip());
                message.setLength(0);
                if (piece.isEmpty()) {
                    continue;
                }
            }
            if (!message.isEmpty()) {
                message.append('\n');
            }
            message.append(piece);
        }
        if (!message.toString().isBlank()) {
            messages.add(message.toString().strip());
        }
        return messages;
    }
}
