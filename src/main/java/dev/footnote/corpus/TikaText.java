package dev.footnote.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns the XHTML events of a Tika parser (PDF, Word, OpenDocument, RTF) into lines with their origins. Tika marks
 * each PDF page with {@code <div class="page">}, so a line knows its page and the line on that page where it
 * starts; a paragraph, heading or list item of a word-processor file counts as one paragraph. Page headers and
 * footers of Word files, annotations and embedded files are left out.
 *
 * <p>A PDF breaks every paragraph into the lines of its layout. Those lines are joined back into one line per
 * paragraph where the text runs on (a line that fills most of the paragraph's width, or a sentence left
 * unfinished), because a wrapped fragment such as "in Doha" would otherwise pass for a heading or a menu entry.
 */
final class TikaText extends DefaultHandler {

    private static final Set<String> BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th",
            "dt", "dd", "blockquote", "pre", "div", "tr", "table", "ul", "ol", "title");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li");
    private static final Set<String> SKIPPED_TAGS = Set.of("head", "title", "meta", "script", "style");
    private static final Set<String> SKIPPED_CLASSES = Set.of("annotation", "embedded", "package-entry", "header",
            "footer", "comment", "comments", "endnote", "footnote", "textbox");
    private static final Pattern LIST_ITEM = Pattern.compile("^(\\d{1,3}[.)]|[\\u2022\\u25aa\\u25e6\\-*])\\s");

    private final boolean pdf;
    private final ExtractedLines out;
    private final StringBuilder block = new StringBuilder();
    private int skipDepth;
    private int page;
    private int pageLine;
    private int paragraph;
    private int blockParagraph;
    private String prefix = "";
    private boolean heading;
    private String lastLine = "";
    private int linesOut;

    TikaText(boolean pdf, ExtractedLines out) {
        this.pdf = pdf;
        this.out = out;
    }

    int pages() {
        return page;
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes atts) {
        if (skipDepth > 0) {
            skipDepth++;
            return;
        }
        String cls = atts.getValue("class");
        if (SKIPPED_TAGS.contains(local) || (local.equals("div") && cls != null && SKIPPED_CLASSES.contains(cls))) {
            flush();
            skipDepth = 1;
            return;
        }
        if (local.equals("div") && "page".equals(cls)) {
            flush();
            page++;
            pageLine = 0;
            return;
        }
        if (local.equals("br")) {
            block.append('\n');
            return;
        }
        if (BLOCKS.contains(local)) {
            flush();
            if (PARAGRAPHS.contains(local)) {
                paragraph++;
                blockParagraph = paragraph;
            }
            if (local.equals("li")) {
                prefix = "\u2022 ";
            }
            heading = local.length() == 2 && local.charAt(0) == 'h' && Character.isDigit(local.charAt(1));
        }
    }

    @Override
    public void endElement(String uri, String local, String qName) {
        if (skipDepth > 0) {
            skipDepth--;
            return;
        }
        if (BLOCKS.contains(local)) {
            flush();
        } else if (local.equals("td") || local.equals("th")) {
            block.append(' ');
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (skipDepth == 0) {
            block.append(ch, start, length);
        }
    }

    /** PDF's line breaks arrive as ignorable white space; they are what tells the layout's lines apart. */
    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        if (skipDepth == 0) {
            block.append(ch, start, length);
        }
    }

    @Override
    public void endDocument() {
        flush();
    }

    /** Ends the block under way: its lines go out, joined where a PDF's layout wrapped them. */
    private void flush() {
        if (block.isEmpty()) {
            return;
        }
        List<String> raw = new ArrayList<>();
        List<Integer> rawPageLine = new ArrayList<>();
        for (String l : block.toString().split("\n", -1)) {
            String s = ExtractedLines.fold(l);
            if (!s.isEmpty()) {
                raw.add(s);
                rawPageLine.add(++pageLine);
            }
        }
        block.setLength(0);
        if (raw.isEmpty()) {
            return;
        }
        int para = pdf ? 0 : blockParagraph;
        // A word-processor file's Title paragraph is often followed by the same text as its first heading: one
        // title, one line, so that the heading does not stand as a line of chrome between title and text.
        if (!pdf && heading && linesOut == 1 && raw.size() == 1 && raw.get(0).equals(lastLine)) {
            return;
        }
        int widest = raw.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder line = new StringBuilder(prefix).append(raw.get(0));
        prefix = "";
        int first = 0;
        for (int i = 1; i < raw.size(); i++) {
            String prev = raw.get(i - 1);
            String next = raw.get(i);
            // A layout line that is chrome on its own ("Share on Facebook …", a date, a copyright) is no part of the
            // text before it, however wide the two are.
            boolean runsOn = pdf && !LIST_ITEM.matcher(next).find() && !chromeAlone(next) && !chromeAlone(prev)
                    && ((widest >= 30 && prev.length() >= 0.75 * widest) || PassageBuilder.continues(prev, next));
            if (runsOn) {
                boolean hyphen = prev.endsWith("-") && Character.isLowerCase(next.charAt(0));
                line.append(hyphen ? "" : " ").append(next);
            } else {
                emit(line.toString(), pdf ? rawPageLine.get(first) : 0, para);
                line.setLength(0);
                line.append(next);
                first = i;
            }
        }
        emit(line.toString(), pdf ? rawPageLine.get(first) : 0, para);
    }

    private final LineClassifier classifier = new LineClassifier();

    private boolean chromeAlone(String line) {
        return classifier.classify(List.of(line)).get(0) == LineClassifier.Kind.CHROME;
    }

    private void emit(String text, int lineOnPage, int para) {
        lastLine = text;
        linesOut++;
        out.add(text, new Origin(pdf ? page : 0, lineOnPage, 0, para, 0));
    }
}
