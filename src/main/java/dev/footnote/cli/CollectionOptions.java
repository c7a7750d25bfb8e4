package dev.footnote.cli;

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
}
