package dev.footnote.cli;

import dev.footnote.Config;
import dev.footnote.retrieve.Retrieval;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command shares: where the articles are, where their index goes, how to retrieve. */
public final class CollectionOptions {

    @Option(names = "--articles", paramLabel = "DIR", description = "Folder of articles: .txt, .md, .html, .htm, .xhtml, .pdf, .docx, .odt, .rtf, .epub (default: ${DEFAULT-VALUE}).")
    Path articles = Config.DEFAULTS.articles();

    @Option(names = "--index", paramLabel = "DIR", description = "Folder of the Lucene index (default: ${DEFAULT-VALUE}).")
    Path index = Config.DEFAULTS.index();

    @Option(names = "--retrieval", paramLabel = "MODE", converter = RetrievalConverter.class, description = "bm25, vector or hybrid (default: ${DEFAULT-VALUE}); bm25 needs no embedding model.")
    Retrieval retrieval = Config.DEFAULTS.retrieval();

    /** The configuration with these options over the defaults. */
    Config config() {
        return Config.of(articles, index).withRetrieval(retrieval);
    }

    static final class RetrievalConverter implements picocli.CommandLine.ITypeConverter<Retrieval> {
        @Override
        public Retrieval convert(String value) {
            return Retrieval.parse(value);
        }
    }
}
