package dev.footnote.index;

import java.util.List;

/** A page of the collection's articles, ordered by file name, and how many articles there are in all. */
public record ArticlePage(List<ArticleSummary> articles, int total) {

    public ArticlePage {
        articles = List.copyOf(articles);
    }
}
