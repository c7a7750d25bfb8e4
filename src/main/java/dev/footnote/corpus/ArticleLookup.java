package dev.footnote.corpus;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The articles as they were indexed, by file name: what citations are checked against and titled with. The
 * index implements it; the answer step sees only this, not the index.
 */
public interface ArticleLookup {

    /** The article's lines as indexed, if the file is indexed. */
    Optional<Article> article(String file) throws IOException;

    /** The titles of those of {@code files} that are indexed (a file not indexed has no entry). */
    Map<String, String> titles(Collection<String> files) throws IOException;
}
