package dev.footnote.cli;

import dev.footnote.retrieve.Retrieval;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command shares: where the articles are and where their index goes. */
public final class CollectionOptions {

    @Option(names = "--articles", paramLabel = "DIR", defaultValue = "${FOOTNOTE_ARTICLES:-articles}",
            description = "Folder of .txt and .md articles (default: ${DEFAULT-VALUE}).")
    Path articles;

    @Option(names = "--index", paramLabel = "DIR", defaultValue = "${FOOTNOTE_INDEX:-index}",
            description = "Folder of the Lucene index (default: ${DEFAULT-VALUE}).")
    Path index;

    @Option(names = "--retrieval", paramLabel = "MODE", defaultValue = "${FOOTNOTE_RETRIEVAL:-hybrid}",
            converter = RetrievalConverter.class,
            description = "bm25, vector or hybrid (default: ${DEFAULT-VALUE}); bm25 needs no embedding model.")
    Retrieval retrieval;

    static final class RetrievalConverter implements picocli.CommandLine.ITypeConverter<Retrieval> {
        @Override
        public Retrieval convert(String value) {
            return Retrieval.parse(value);
        }
    }
}
