package dev.footnote.answer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.footnote.corpus.Origin;

/**
 * A checked citation: {@code quote} is exactly the text of lines {@code startLine..endLine} of {@code file}, and
 * {@code title} is the article's title as the index knows it (a document's metadata title, or its headline; the
 * file name as a last resort). For a document (PDF, HTML, Word, EPUB) the lines are those of its extracted text,
 * and the rest says where the first of them sits in the original: the PDF {@code page} and the line on it, the
 * HTML {@code sourceLine}, the Word or OpenDocument {@code paragraph}, the EPUB {@code chapter}; each is absent
 * where it does not apply.
 */
public record Citation(int id, String file, int startLine, int endLine, String quote, double score, String title,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer page,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer pageLine,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer sourceLine,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer paragraph,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer chapter) {

    /**
     * A citation of plain text whose title is not known yet: the file name stands in until {@link #withTitle} sets
     * it, and it is placed in an original document by {@link #at}.
     */
    public Citation(int id, String file, int startLine, int endLine, String quote, double score) {
        this(id, file, startLine, endLine, quote, score, file, null, null, null, null, null);
    }

    public Citation withTitle(String title) {
        return new Citation(id, file, startLine, endLine, quote, score, title == null ? file : title, page, pageLine,
                sourceLine, paragraph, chapter);
    }

    /** This citation placed in the original document. */
    public Citation at(Origin o) {
        return new Citation(id, file, startLine, endLine, quote, score, title, positive(o.page()),
                positive(o.pageLine()), positive(o.sourceLine()), positive(o.paragraph()), positive(o.chapter()));
    }

    private static Integer positive(int n) {
        return n > 0 ? n : null;
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
