package dev.footnote.ask;

import dev.footnote.corpus.Article;
import dev.footnote.index.ArticlePage;
import dev.footnote.index.BackendSettings;
import dev.footnote.index.FolderWatcher;
import dev.footnote.index.IndexStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    /** The indexed articles by file name, {@code limit} from {@code offset}, with how many there are. */
    default ArticlePage articles(int offset, int limit) throws IOException {
        return new ArticlePage(List.of(), 0);
    }

    /** The titles of those of {@code files} that are indexed; a file missing from the map is not in the index. */
    default Map<String, String> titles(Collection<String> files) throws IOException {
        return Map.of();
    }

    /** Where the index lives: the embedded index (the default) or a SolrCloud collection. */
    default BackendSettings backend() {
        return BackendSettings.LUCENE;
    }

    /** The index's folder, where the server keeps what it records beside the index (feedback); empty: nowhere. */
    default Optional<Path> indexFolder() {
        return Optional.empty();
    }
}
