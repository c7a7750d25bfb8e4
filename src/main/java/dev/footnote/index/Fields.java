package dev.footnote.index;

/** Names of the Lucene fields. One "article" document per file, one "passage" document per passage. */
public final class Fields {
    public static final String KIND = "kind";
    public static final String ARTICLE = "article";
    public static final String PASSAGE = "passage";
    public static final String FILE = "file";
    public static final String HASH = "hash";
    public static final String CHARSET = "charset";
    public static final String CONTENT = "content";
    public static final String TEXT = "text";
    public static final String HEADING = "heading";
    public static final String START_LINE = "start_line";
    public static final String END_LINE = "end_line";
    public static final String SENTENCE = "sentence";
    public static final String UPDATED_AT = "updated_at";
    /** One "unit" document per distinct sentence, heading or passage of a file, and one for the whole file: the texts that are embedded. */
    public static final String UNIT = "unit";
    public static final String PID = "pid";
    public static final String UNIT_KIND = "unit_kind";
    public static final String TEXT_HASH = "text_hash";
    public static final String VECTOR = "vector";
    /** The whole article's vector, on its own "unit" document, apart from the passage-level vectors. */
    public static final String ARTICLE_VECTOR = "article_vector";
    public static final String EMBEDDING = "embedding";
    /**
     * Doc-values copies of a unit's or passage's pids, a unit's kind and its file, read for each search hit: a
     * stored field is read by decompressing the block it sits in, beside passages' sentences and articles' whole
     * text, and that was a third of a warm ask on SciFact. Fields of their own, since Lucene holds each field to
     * one schema across an index and older segments have the stored ones without doc values.
     */
    public static final String PID_VALUES = "pid_dv";
    public static final String UNIT_KIND_VALUE = "unit_kind_dv";
    public static final String FILE_VALUE = "file_dv";
    /** On an article document: the layout its documents were written in ({@link PassageStore#LAYOUT}). */
    public static final String LAYOUT = "layout";
    /** On an article document: its title, line and passage counts, and when it was indexed (absent before titles). */
    public static final String TITLE = "title";
    public static final String LINES = "lines";
    public static final String PASSAGES = "passages";
    public static final String INDEXED_AT = "indexed_at";
    /** An extracted document's format, metadata title and each line's origin (absent for plain text). */
    public static final String FORMAT = "format";
    public static final String DOC_TITLE = "doc_title";
    public static final String ORIGINS = "origins";

    private Fields() {
    }
}
