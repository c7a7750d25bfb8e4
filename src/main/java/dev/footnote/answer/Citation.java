package dev.footnote.answer;

/**
 * A checked citation: {@code quote} is exactly the text of lines {@code startLine..endLine} of {@code file}, and
 * {@code title} is the article's title as the index knows it (its headline, the file name as a last resort).
 */
public record Citation(int id, String file, int startLine, int endLine, String quote, double score, String title) {

    /** A citation whose title is not known yet: the file name stands in until {@link #withTitle} sets it. */
    public Citation(int id, String file, int startLine, int endLine, String quote, double score) {
        this(id, file, startLine, endLine, quote, score, file);
    }

    public Citation withTitle(String title) {
        return new Citation(id, file, startLine, endLine, quote, score, title == null ? file : title);
    }

    /** The lines as shown beside the file name: "21" or "21-23". */
    public String lines() {
        return startLine == endLine ? String.valueOf(startLine) : startLine + "-" + endLine;
    }

    /** The quote on one line (white space folded), cut to at most {@code max} characters with an ellipsis. */
    public String quoteLine(int max) {
        String line = quote.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1).strip() + "…";
    }
}
