package dev.footnote.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.SampleArticles;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.embed.BgeSmallEmbedder;
import dev.footnote.embed.Embedder;
import dev.footnote.index.IndexReport;
import dev.footnote.index.Indexer;
import dev.footnote.index.PassageIndex;
import dev.footnote.index.Unit;
import dev.footnote.index.VectorPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dense and hybrid retrieval over a real index of the sample articles, with the real bge-small model:
 * a paraphrased question that BM25 misses, the embedding cache, and re-embedding only what changed.
 */
class HybridRetrievalTest {

    /** The issue's own example: the article says "head of Egyptian intelligence", not "spy chief". */
    private static final String SPY_CHIEF = "Which Egyptian spy chief met the Hamas leaders?";
    private static final String FILE_004 = "004_8ee1bc03666afbd8.txt";

    @TempDir
    Path temp;
    private Path articles;
    private PassageIndex index;
    private Counting embedder;

    /** The real model, counting the texts it is asked to embed. */
    private static final class Counting implements Embedder {
        final Embedder model;
        final AtomicInteger texts = new AtomicInteger();

        Counting(Embedder model) {
            this.model = model;
        }

        @Override
        public List<float[]> embed(List<String> batch) {
            texts.addAndGet(batch.size());
            return model.embed(batch);
        }

        @Override
        public float[] embedQuery(String question) {
            return model.embedQuery(question);
        }

        @Override
        public int dimension() {
            return model.dimension();
        }

        @Override
        public String name() {
            return model.name();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        articles = temp.resolve("articles");
        SampleArticles.copyTo(articles);
        index = PassageIndex.open(temp.resolve("index"));
        embedder = new Counting(BgeSmallEmbedder.load(temp.resolve("index/native"), false));
    }

    @AfterEach
    void tearDown() throws IOException {
        index.close();
    }

    private IndexReport sync() throws IOException {
        return new Indexer(embedder, line -> {}).sync(new ArticleFiles(articles), index);
    }

    private List<SearchHit> search(Retrieval mode, String question) throws IOException {
        return new Retriever(index, embedder, mode, Retriever.Settings.DEFAULT).search(question, 5);
    }

    private static boolean findsLine(List<SearchHit> hits, String file, int line) {
        return hits.stream().map(SearchHit::passage)
                .anyMatch(p -> p.file().equals(file) && p.startLine() <= line && p.endLine() >= line);
    }

    @Test
    void aParaphrasedQuestionIsFoundByMeaningWhereWordsMissIt() throws IOException {
        sync();
        // Line 12 of 004 ends "He also later met with the head of Egyptian intelligence, Abbas Kamel."
        assertThat(findsLine(search(Retrieval.VECTOR, SPY_CHIEF), FILE_004, 12)).isTrue();
        assertThat(findsLine(search(Retrieval.HYBRID, SPY_CHIEF), FILE_004, 12)).isTrue();
        assertThat(search(Retrieval.BM25, SPY_CHIEF).get(0).passage().file()).isNotEqualTo(FILE_004);
    }

    @Test
    void vectorHitsCarryTheQuestionsSimilarityToEachSentence() throws IOException {
        sync();
        SearchHit top = search(Retrieval.HYBRID, "How many Palestinians have sought refuge in Rafah?").get(0);
        assertThat(top.passage().sentences())
                .allSatisfy(s -> assertThat(top.similarityTo(s.text())).isBetween(-1.0, 1.0));
        assertThat(search(Retrieval.BM25, "How many Palestinians have sought refuge in Rafah?").get(0).similarity())
                .isEmpty();
    }

    @Test
    void aSecondPassAndARestartEmbedNothing() throws IOException {
        IndexReport first = sync();
        assertThat(first.textsEmbedded()).isPositive().isEqualTo(embedder.texts.get());
        assertThat(sync().textsEmbedded()).isZero();
        index.close();
        index = PassageIndex.open(temp.resolve("index"));
        IndexReport afterRestart = sync();
        assertThat(afterRestart.textsEmbedded()).isZero();
        assertThat(afterRestart.unchanged()).isEqualTo(5);
        assertThat(embedder.texts.get()).isEqualTo(first.textsEmbedded());
    }

    @Test
    void aChangedFileReEmbedsOnlyItsNewText() throws IOException {
        sync();
        int before = embedder.texts.get();
        Path f = articles.resolve("003_f221ba18038d1787.txt");
        Files.writeString(f, Files.readString(f).replace(
                "Badran said Netanyahu's resolve to attack Rafah was calculated",
                "Badran said the marmoset resolve to attack Rafah was calculated"));
        IndexReport report = sync();
        assertThat(report.changed()).containsExactly("003_f221ba18038d1787.txt");
        // The one changed sentence, the whole-passage text of each passage holding it (at most two), the article.
        assertThat(report.textsEmbedded()).isBetween(3, 4).isEqualTo(embedder.texts.get() - before);
        assertThat(findsLine(search(Retrieval.VECTOR, "marmoset resolve to attack Rafah"),
                "003_f221ba18038d1787.txt", 23)).isTrue();
    }

    @Test
    void anIndexMadeBeforeArticleVectorsGainsThemForOneTextAFile() throws IOException {
        // Index the files as before article vectors: every unit but the article's, recorded under the bare model.
        sync();
        for (var e : new ArticleFiles(articles).list().entrySet()) {
            var article = new dev.footnote.corpus.ArticleReader().read(e.getValue(), e.getKey());
            var passages = new dev.footnote.corpus.PassageBuilder().build(article);
            List<Unit> units = Unit.of(passages).stream().filter(u -> u.kind() != Unit.Kind.ARTICLE)
                    .map(u -> u.withVector(embedder.model.embed(List.of(u.text())).get(0))).toList();
            index.put(article, new dev.footnote.corpus.ArticleTitle().of(article), passages, units, embedder.name());
        }
        index.commit();
        IndexReport report = sync();
        assertThat(report.changed()).hasSize(5);
        assertThat(report.textsEmbedded()).isEqualTo(5);
        assertThat(sync().textsEmbedded()).isZero();
    }

    @Test
    void theArticleWeightKeepsTheParaphrasedHitAndChangesTheScores() throws IOException {
        sync();
        Retriever.Settings d = Retriever.Settings.DEFAULT;
        var heavy = new Retriever.Settings(d.headingBoost(), d.headingWeight(), d.fusion(), d.bm25Weight(),
                d.candidates(), 0.5);
        assertThat(
                findsLine(new Retriever(index, embedder, Retrieval.VECTOR, heavy).search(SPY_CHIEF, 5), FILE_004, 12))
                .isTrue();
        var zero = new Retriever.Settings(d.headingBoost(), d.headingWeight(), d.fusion(), d.bm25Weight(),
                d.candidates(), 0.0);
        List<SearchHit> withoutArticles = new Retriever(index, embedder, Retrieval.HYBRID, zero).search(SPY_CHIEF, 5);
        assertThat(findsLine(withoutArticles, FILE_004, 12)).isTrue();
        // The default weighs each passage's article in, so its scores are not those of weight 0.
        assertThat(search(Retrieval.HYBRID, SPY_CHIEF)).extracting(SearchHit::score)
                .isNotEqualTo(withoutArticles.stream().map(SearchHit::score).toList());
    }

    @Test
    void aBm25IndexGainsVectorsWhenOpenedForHybrid() throws IOException {
        IndexReport bm25 = new Indexer(line -> {}).sync(new ArticleFiles(articles), index);
        assertThat(bm25.added()).hasSize(5);
        assertThat(embedder.texts.get()).isZero();
        IndexReport hybrid = sync();
        assertThat(hybrid.changed()).hasSize(5);
        assertThat(hybrid.textsEmbedded()).isPositive();
        assertThat(sync().textsEmbedded()).isZero();
        assertThat(findsLine(search(Retrieval.VECTOR, SPY_CHIEF), FILE_004, 12)).isTrue();
    }

    private IndexReport sync(VectorPlan plan) throws IOException {
        return new Indexer(embedder, line -> {}, null, plan).sync(new ArticleFiles(articles), index);
    }

    private static final VectorPlan DERIVED = new VectorPlan(VectorPlan.Source.EMBEDDED, VectorPlan.Source.DERIVED,
            VectorPlan.Source.DERIVED);

    /** The sentences and headings of the sample articles: what a plan of derived passages and articles embeds. */
    private List<Unit> sentencesAndHeadings() throws IOException {
        List<Unit> units = new java.util.ArrayList<>();
        for (var e : new ArticleFiles(articles).list().entrySet()) {
            var article = new dev.footnote.corpus.ArticleReader().read(e.getValue(), e.getKey());
            Unit.of(new dev.footnote.corpus.PassageBuilder().build(article)).stream()
                    .filter(u -> u.kind() == Unit.Kind.SENTENCE || u.kind() == Unit.Kind.HEADING)
                    .forEach(units::add);
        }
        return units;
    }

    @Test
    void derivedPassageAndArticleVectorsCostNoModelTime() throws IOException {
        IndexReport report = sync(DERIVED);
        long distinct = sentencesAndHeadings().stream().map(Unit::textHash).distinct().count();
        assertThat(report.textsEmbedded()).isEqualTo(distinct).isEqualTo(embedder.texts.get());
        assertThat(sync(DERIVED).textsEmbedded()).isZero();
        // An article's derived vector is the normalised sum of its sentences' vectors, and it is searched.
        var article = new dev.footnote.corpus.ArticleReader().read(articles.resolve(FILE_004), FILE_004);
        var units = Unit.of(new dev.footnote.corpus.PassageBuilder().build(article));
        float[] sum = new float[embedder.dimension()];
        for (Unit u : units) {
            if (u.kind() == Unit.Kind.SENTENCE) {
                float[] v = embedder.model.embed(List.of(u.text())).get(0);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += v[i];
                }
            }
        }
        float[] stored = index.articleVectors(java.util.Set.of(FILE_004)).get(FILE_004);
        assertThat(dev.footnote.embed.Vectors.dot(stored, dev.footnote.embed.Vectors.normalize(sum)))
                .isGreaterThan(0.9999);
        assertThat(findsLine(search(Retrieval.VECTOR, SPY_CHIEF), FILE_004, 12)).isTrue();
        assertThat(findsLine(search(Retrieval.HYBRID, SPY_CHIEF), FILE_004, 12)).isTrue();
    }

    @Test
    void anIndexOfEveryKindEmbeddedIsUpgradedToDerivedVectorsWithoutTheModel() throws IOException {
        sync();
        int before = embedder.texts.get();
        IndexReport upgrade = sync(DERIVED);
        assertThat(upgrade.changed()).hasSize(5);
        assertThat(upgrade.textsEmbedded()).isZero();
        assertThat(embedder.texts.get()).isEqualTo(before);
        assertThat(sync(DERIVED).changed()).isEmpty();
        assertThat(findsLine(search(Retrieval.HYBRID, SPY_CHIEF), FILE_004, 12)).isTrue();
    }

    @Test
    void goingBackToEmbeddedPassagesEmbedsThemAgainInsteadOfTakingTheDerivedOnes() throws IOException {
        sync(DERIVED);
        IndexReport back = sync();
        assertThat(back.changed()).hasSize(5);
        // The whole-passage and article texts, never taken from the derived vectors under the same text.
        long wholeTexts = 0;
        for (var e : new ArticleFiles(articles).list().entrySet()) {
            var article = new dev.footnote.corpus.ArticleReader().read(e.getValue(), e.getKey());
            wholeTexts += Unit.of(new dev.footnote.corpus.PassageBuilder().build(article)).stream()
                    .filter(u -> u.kind() == Unit.Kind.PASSAGE || u.kind() == Unit.Kind.ARTICLE).count();
        }
        assertThat((long) back.textsEmbedded()).isPositive().isLessThanOrEqualTo(wholeTexts);
    }

    @Test
    void aPlanWithoutArticleVectorsLeavesThemOut() throws IOException {
        sync(new VectorPlan(VectorPlan.Source.EMBEDDED, VectorPlan.Source.EMBEDDED, VectorPlan.Source.NONE));
        assertThat(index.articleVectors(java.util.Set.of(FILE_004))).isEmpty();
        assertThat(findsLine(search(Retrieval.VECTOR, SPY_CHIEF), FILE_004, 12)).isTrue();
    }
}
