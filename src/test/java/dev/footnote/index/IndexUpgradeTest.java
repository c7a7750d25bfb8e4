package dev.footnote.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.SampleArticles;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.embed.BgeSmallEmbedder;
import dev.footnote.embed.Embedder;
import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index written before doc values is rewritten once, with its own vectors, and searches exactly as before. */
class IndexUpgradeTest {

    private static final List<String> QUESTIONS = List.of("Which Egyptian spy chief met the Hamas leaders?",
            "How many Palestinians have sought refuge in Rafah?", "Where did the delegation go after Cairo?");

    @TempDir
    Path temp;
    private Path articles;
    private Embedder embedder;

    @BeforeEach
    void setUp() throws IOException {
        articles = temp.resolve("articles");
        SampleArticles.copyTo(articles);
        embedder = BgeSmallEmbedder.load(temp.resolve("index/native"), false);
    }

    /** Everything the retriever reads from the index for the questions, in the order it comes back. */
    private List<Object> searches(PassageIndex index) throws IOException {
        List<Object> found = new ArrayList<>();
        for (String q : QUESTIONS) {
            float[] v = embedder.embedQuery(q);
            found.add(index.nearestUnits(v, 40, Set.of()));
            Map<String, Double> nearest = index.nearestArticles(v, 3, Set.of());
            found.add(nearest);
            found.add(index.nearestUnits(v, 40, nearest.keySet()));
            Map<String, Double> bm25 = index.bm25(TextAnalysis.termSet(q), 0.2f, 20, Set.of());
            found.add(bm25);
            found.add(index.passages(bm25.keySet()));
        }
        return found;
    }

    private static Set<Integer> layouts(PassageIndex index) throws IOException {
        Set<Integer> layouts = new java.util.HashSet<>();
        index.indexedFiles().values().forEach(f -> layouts.add(f.layout()));
        return layouts;
    }

    @Test
    void anOldIndexIsRewrittenWithoutTheModelAndSearchesAsBefore() throws IOException {
        List<Object> before;
        try (PassageIndex old = PassageIndex.open(temp.resolve("index"), 1)) {
            IndexReport built = new Indexer(embedder, line -> {}).sync(new ArticleFiles(articles), old);
            assertThat(built.added()).hasSize(5);
            assertThat(layouts(old)).containsExactly(1);
            before = searches(old);
        }
        List<String> log = new ArrayList<>();
        try (PassageIndex index = PassageIndex.open(temp.resolve("index"))) {
            IndexReport upgrade = new Indexer(embedder, log::add).sync(new ArticleFiles(articles), index);
            assertThat(upgrade.changed()).hasSize(5);
            assertThat(upgrade.added()).isEmpty();
            assertThat(upgrade.textsEmbedded()).isZero();
            assertThat(layouts(index)).containsExactly(PassageStore.LAYOUT);
            assertThat(searches(index)).isEqualTo(before);
            assertThat(log).anyMatch(line -> line.startsWith("merged the index into one segment"));
            IndexSearcher searcher = index.searchers().acquire();
            try {
                assertThat(searcher.getIndexReader().leaves()).hasSize(1);
                assertThat(searcher.getIndexReader().numDeletedDocs()).isZero();
            } finally {
                index.searchers().release(searcher);
            }
            IndexReport again = new Indexer(embedder, line -> {}).sync(new ArticleFiles(articles), index);
            assertThat(again.unchanged()).isEqualTo(5);
            assertThat(again.changedAnything()).isFalse();
        }
    }
}
