package dev.footnote.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.SampleArticles;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collection as the article list shows it, from a fresh index and from one written before titles were kept. */
class ArticleListTest {

    @Test
    void anIndexedCollectionListsTitlesCountsAndTimesByFileName(@TempDir Path temp) throws IOException {
        Path articles = SampleArticles.copyTo(temp.resolve("articles"));
        try (PassageIndex index = PassageIndex.open(temp.resolve("index"))) {
            new Indexer(line -> {}).sync(new ArticleFiles(articles), index);
            ArticlePage all = index.articles(0, 50);
            assertThat(all.total()).isEqualTo(5);
            assertThat(all.articles()).extracting(ArticleSummary::file).isSorted().hasSize(5);
            ArticleSummary first = all.articles().getFirst();
            assertThat(first.title()).isEqualTo("Hamas will not send delegation to Cairo at the moment: Source");
            assertThat(first.lines()).isEqualTo(index.article(first.file()).orElseThrow().lineCount());
            assertThat(first.passages()).isPositive();
            assertThat(first.indexedAt()).isNotBlank();
            assertThat(index.articles(4, 10).articles()).extracting(ArticleSummary::file)
                    .containsExactly("004_8ee1bc03666afbd8.txt");
            assertThat(index.articles(5, 10).articles()).isEmpty();
            assertThat(index.titles(List.of("001_3cabf72616562acd.txt", "nope.txt")))
                    .isEqualTo(Map.of("001_3cabf72616562acd.txt",
                            "Hamas delegation leaves Cairo to consult negotiations in Doha"));
        }
    }

    /** An index from before titles has none stored: they are derived from the stored text, and it opens as it is. */
    @Test
    void anIndexWrittenBeforeTitlesStillOpensAndDerivesThem(@TempDir Path temp) throws IOException {
        Path dir = temp.resolve("index");
        try (FSDirectory directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.analyzer()))) {
            Document article = new Document();
            article.add(new StringField(Fields.KIND, Fields.ARTICLE, Field.Store.NO));
            article.add(new StoredField(Fields.EMBEDDING, ""));
            article.add(new StringField(Fields.FILE, "old.txt", Field.Store.YES));
            article.add(new StringField(Fields.HASH, "abc", Field.Store.YES));
            article.add(new StoredField(Fields.CHARSET, "UTF-8"));
            article.add(new StoredField(Fields.CONTENT,
                    "Old Site\nBridge to reopen in May after repairs\n"
                            + "The bridge was closed in March. ".repeat(20)));
            Document passage = new Document();
            passage.add(new StringField(Fields.KIND, Fields.PASSAGE, Field.Store.NO));
            passage.add(new StringField(Fields.FILE, "old.txt", Field.Store.YES));
            writer.addDocuments(List.of(article, passage));
            writer.setLiveCommitData(Map.of(Fields.UPDATED_AT, "2024-01-02T03:04:05Z").entrySet());
            writer.commit();
        }
        try (PassageIndex index = PassageIndex.open(dir)) {
            ArticlePage page = index.articles(0, 10);
            assertThat(page.articles()).containsExactly(new ArticleSummary("old.txt",
                    "Bridge to reopen in May after repairs", 3, 1, "2024-01-02T03:04:05Z"));
            assertThat(index.titles(List.of("old.txt"))).containsEntry("old.txt",
                    "Bridge to reopen in May after repairs");
        }
    }
}
