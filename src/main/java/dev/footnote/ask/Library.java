package dev.footnote.ask;

import dev.footnote.corpus.Article;
import dev.footnote.index.FolderWatcher;
import dev.footnote.index.IndexStats;
import java.io.IOException;
import java.util.Optional;

/**
 * What the channels read of the collection beside answers: an article's lines, the index's size and freshness,
 * and a way to ask for a full pass. With {@link AskService} it is all the HTTP server needs.
 */
public interface Library {

    IndexStats stats() throws IOException;

    /** An indexed article by its name in citations. */
    Optional<Article> article(String file) throws IOException;

    /** What keeps the index in line with the folder, when something does (a served folder). */
    Optional<FolderWatcher> watcher();
}
