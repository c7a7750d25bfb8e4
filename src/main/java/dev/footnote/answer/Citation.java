package dev.footnote.answer;

/** A checked citation: {@code quote} is exactly the text of lines {@code startLine..endLine} of {@code file}. */
public record Citation(int id, String file, int startLine, int endLine, String quote, double score) {

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
