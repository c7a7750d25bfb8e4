package dev.footnote.corpus;

/**
 * Where one line of a document's extracted text sits in the original file, so a reader can follow a citation
 * back: the PDF page and the line on that page, the line of the HTML source, the paragraph of a Word or
 * OpenDocument file, the chapter of an EPUB. Zero where a kind of position does not apply.
 */
public record Origin(int page, int pageLine, int sourceLine, int paragraph, int chapter) {

    public static final Origin NONE = new Origin(0, 0, 0, 0, 0);

    /** "page 4, line 12", "line 212 of the HTML", "paragraph 7", "chapter 3, line 40 of its XHTML"; "" for none. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (page > 0) {
            s.append("page ").append(page);
            if (pageLine > 0) {
                s.append(", line ").append(pageLine);
            }
        }
        if (chapter > 0) {
            s.append(s.isEmpty() ? "" : ", ").append("chapter ").append(chapter);
        }
        if (paragraph > 0) {
            s.append(s.isEmpty() ? "" : ", ").append("paragraph ").append(paragraph);
        }
        if (sourceLine > 0) {
            s.append(s.isEmpty() ? "" : ", ").append("line ").append(sourceLine)
                    .append(chapter > 0 ? " of its XHTML" : " of the HTML");
        }
        return s.toString();
    }

    /** Compact form for the index: five numbers separated by commas. */
    String encode() {
        return page + "," + pageLine + "," + sourceLine + "," + paragraph + "," + chapter;
    }

    static Origin decode(String s) {
        String[] p = s.split(",", -1);
        if (p.length != 5) {
            return NONE;
        }
        return new Origin(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                Integer.parseInt(p[3]), Integer.parseInt(p[4]));
    }
}
