package dev.footnote;

import dev.footnote.ask.Library;
import dev.footnote.corpus.Article;
import dev.footnote.index.ArticlePage;
import dev.footnote.index.FolderWatcher;
import dev.footnote.index.IndexStats;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** A collection kept up to date by a watcher a test made itself (to count its passes or hear its log). */
public final class Watched {

    private Watched() {
    }

    /** {@code footnote} as the server sees it, with {@code watcher} in the place {@link Footnote#watch()} fills. */
    public static Library by(Footnote footnote, FolderWatcher watcher) {
        footnote.service().retriever().onlyFrom(watcher::isCurrent);
        return new Library() {
            @Override
            public IndexStats stats() throws IOException {
                return footnote.stats();
            }

            @Override
            public Optional<Article> article(String file) throws IOException {
                return footnote.article(file);
            }

            @Override
            public ArticlePage articles(int offset, int limit) throws IOException {
                return footnote.articles(offset, limit);
            }

            @Override
            public Map<String, String> titles(Collection<String> files) throws IOException {
                return footnote.titles(files);
            }

            @Override
            public Optional<FolderWatcher> watcher() {
                return Optional.of(watcher);
            }
        };
    }
}
