package dev.footnote.index;

/** Names of the Lucene fields. One "article" document per file, one "passage" document per passage. */
final class Fields {
    static final String KIND = "kind";
    static final String ARTICLE = "article";
    static final String PASSAGE = "passage";
    static final String FILE = "file";
    static final String HASH = "hash";
    static final String CHARSET = "charset";
    static final String CONTENT = "content";
    static final String TEXT = "text";
    static final String HEADING = "heading";
    static final String START_LINE = "start_line";
    static final String END_LINE = "end_line";
    static final String SENTENCE = "sentence";
    static final String UPDATED_AT = "updated_at";
    /** One "unit" document per distinct sentence, heading or passage of a file, and one for the whole file: the texts that are embedded. */
    static final String UNIT = "unit";
    static final String PID = "pid";
    static final String UNIT_KIND = "unit_kind";
    static final String TEXT_HASH = "text_hash";
    static final String VECTOR = "vector";
    /** The whole article's vector, on its own "unit" document, apart from the passage-level vectors. */
    static final String ARTICLE_VECTOR = "article_vector";
    static final String EMBEDDING = "embedding";

    private Fields() {
    }
}
