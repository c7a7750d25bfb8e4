package dev.footnote.index;

import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleTitle;
import dev.footnote.corpus.Layout;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene index on disk. Each file's documents are replaced in one atomic update, changes become visible
 * to searches only once committed, and searches go through a {@link SearcherManager} so they keep working
 * while the index is being updated. When another process holds the write lock the index opens read-only.
 */
public final class PassageIndex implements PassageStore {

    /** Titles are derived per thread: the classifier behind them keeps no state, but is cheap to have per thread. */
    private static final Set<String> ROW_FIELDS = Set.of(Fields.TITLE, Fields.LINES, Fields.PASSAGES,
            Fields.INDEXED_AT);
    private static final ThreadLocal<ArticleTitle> TITLES = ThreadLocal.withInitial(ArticleTitle::new);
    private final Path folder;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** The layout documents are written in: {@link PassageStore#LAYOUT}, or an older one to make such an index. */
    private final int layout;

    private PassageIndex(Path folder, Directory directory, IndexWriter writer, SearcherManager searchers,
            int layout) {
        this.folder = folder;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.layout = layout;
    }

    /** Opens (creating if needed) the index for writing, or read-only if another process is writing it. */
    public static PassageIndex open(Path dir) throws IOException {
        return open(dir, LAYOUT);
    }

    /**
     * Opens the index writing documents in {@code layout}: layout 1 has no doc values and no layout field, as
     * indexes made before layout 2 were written, so that their upgrade can be tested.
     */
    static PassageIndex open(Path dir, int layout) throws IOException {
        Files.createDirectories(dir);
        Directory directory = FSDirectory.open(dir);
        try {
            IndexWriterConfig config = new IndexWriterConfig(TextAnalysis.analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCommitOnClose(false);
            IndexWriter writer = new IndexWriter(directory, config);
            if (!DirectoryReader.indexExists(directory)) {
                writer.commit(); // an empty first commit, so readers can always open
            }
            return new PassageIndex(dir, directory, writer, new SearcherManager(directory, new SearcherFactory()),
                    layout);
        } catch (LockObtainFailedException e) {
            if (!DirectoryReader.indexExists(directory)) {
                directory.close();
                throw new IOException("index " + dir + " is locked by another process and has no commit yet", e);
            }
            return new PassageIndex(dir, directory, null, new SearcherManager(directory, new SearcherFactory()),
                    layout);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return "the Lucene index in " + folder;
    }

    @Override
    public boolean writable() {
        return writer != null;
    }

    /** Replaces everything indexed for the article's file, atomically (BM25 only: no vectors). */
    @Override
    public void put(Article article, String title, List<Passage> passages) throws IOException {
        put(article, title, passages, List.of(), "");
    }

    /**
     * Replaces everything indexed for the article's file, atomically: the article, its passages, and the
     * units with their vectors, made by the embedding model named {@code embedding} ("" for none); {@code title}
     * is the article's title, as {@code ArticleTitle} finds it.
     */
    @Override
    public void put(Article article, String title, List<Passage> passages, List<Unit> units, String embedding)
            throws IOException {
        List<Document> docs = new ArrayList<>(passages.size() + units.size() + 1);
        docs.add(articleDocument(article, title, embedding, passages.size()));
        for (int i = 0; i < passages.size(); i++) {
            docs.add(passageDocument(passages.get(i), i, article.hash()));
        }
        for (Unit u : units) {
            docs.add(unitDocument(article.file(), u));
        }
        requireWriter().updateDocuments(new Term(Fields.FILE, article.file()), docs);
    }

    /** The id of a file's {@code ordinal}-th passage; units name the passages they stand in by it. */
    static String pid(String file, int ordinal) {
        return PassageStore.pid(file, ordinal);
    }

    @Override
    public void remove(String file) throws IOException {
        requireWriter().deleteDocuments(new Term(Fields.FILE, file));
    }

    /** Makes all updates so far durable and visible to new searches. */
    @Override
    public void commit() throws IOException {
        IndexWriter w = requireWriter();
        w.setLiveCommitData(Map.of(Fields.UPDATED_AT, Instant.now().toString()).entrySet());
        w.commit();
        searchers.maybeRefreshBlocking();
    }

    /**
     * Merges the index into one segment: each segment is searched for the nearest vectors on its own, and on
     * SciFact a warm search over five segments took 19.6 ms against 10.7 ms over one.
     */
    @Override
    public void compact() throws IOException {
        requireWriter().forceMerge(1);
    }

    /** Drops uncommitted updates (used when an indexing pass fails half-way). */
    @Override
    public void rollbackToLastCommit() throws IOException {
        // IndexWriter.rollback closes the writer; callers treat the index as unusable for writing afterwards.
        requireWriter().rollback();
    }

    /** Every indexed file, as last committed. */
    @Override
    public Map<String, IndexedFile> indexedFiles() throws IOException {
        Map<String, IndexedFile> files = new HashMap<>();
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(Fields.KIND, Fields.ARTICLE)), Integer.MAX_VALUE);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc, Set.of(Fields.FILE, Fields.HASH, Fields.EMBEDDING, Fields.LAYOUT));
                String embedding = d.get(Fields.EMBEDDING);
                var written = d.getField(Fields.LAYOUT);
                files.put(d.get(Fields.FILE), new IndexedFile(d.get(Fields.HASH), embedding == null ? "" : embedding,
                        written == null ? 1 : written.numericValue().intValue()));
            }
        } finally {
            searchers.release(searcher);
        }
        return files;
    }

    /** Vectors already in the index for any of these text hashes: the embedding cache. */
    @Override
    public Map<String, float[]> cachedVectors(Collection<String> textHashes) throws IOException {
        Map<String, float[]> found = new HashMap<>();
        if (textHashes.isEmpty()) {
            return found;
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            List<String> hashes = new ArrayList<>(new LinkedHashSet<>(textHashes));
            for (int from = 0; from < hashes.size(); from += 512) { // stay well under the clause limit
                BooleanQuery.Builder q = new BooleanQuery.Builder();
                for (String h : hashes.subList(from, Math.min(hashes.size(), from + 512))) {
                    q.add(new TermQuery(new Term(Fields.TEXT_HASH, h)), BooleanClause.Occur.SHOULD);
                }
                TopDocs top = searcher.search(q.build(), 512 * 4);
                StoredFields stored = searcher.storedFields();
                for (ScoreDoc sd : top.scoreDocs) {
                    String h = stored.document(sd.doc, Set.of(Fields.TEXT_HASH)).get(Fields.TEXT_HASH);
                    if (!found.containsKey(h)) {
                        float[] v = vector(searcher, sd.doc);
                        if (v != null) {
                            found.put(h, v);
                        }
                    }
                }
            }
        } finally {
            searchers.release(searcher);
        }
        return found;
    }

    /**
     * The stored vector of a unit document (a passage-level or an article one), read back from its vector field: a
     * unit's vector, or its article vector for an article document; null without either.
     */
    public static float[] vector(IndexSearcher searcher, int doc) throws IOException {
        float[] v = vector(searcher, doc, Fields.VECTOR);
        return v != null ? v : vector(searcher, doc, Fields.ARTICLE_VECTOR);
    }

    /** A document's stored vector in {@code field}, or null. */
    public static float[] vector(IndexSearcher searcher, int doc, String field) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
        if (values == null) {
            return null;
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        int local = doc - leaf.docBase;
        return it.advance(local) == local ? values.vectorValue(it.index()).clone() : null;
    }

    /** The article as it was indexed, so citations are checked against what was searched. */
    @Override
    public Optional<Article> article(String file) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            var query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.FILE, file)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.KIND, Fields.ARTICLE)), BooleanClause.Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(query, 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document d = searcher.storedFields().document(top.scoreDocs[0].doc);
            String content = d.get(Fields.CONTENT);
            List<String> lines = content.isEmpty() ? List.of() : List.of(content.split("\n", -1));
            return Optional.of(new Article(file, lines, d.get(Fields.HASH), d.get(Fields.CHARSET),
                    Layout.decode(d.get(Fields.FORMAT), d.get(Fields.DOC_TITLE), d.get(Fields.ORIGINS))));
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * The titles of those of {@code files} that are indexed (a file not indexed has no entry). An index written
     * before titles were stored has none on its article documents: the title is then derived from the stored text,
     * so an older index opens and shows titles without being rebuilt.
     */
    @Override
    public Map<String, String> titles(Collection<String> files) throws IOException {
        Map<String, String> titles = new HashMap<>();
        if (files.isEmpty()) {
            return titles;
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            Set<String> distinct = new LinkedHashSet<>(files);
            Query query = new BooleanQuery.Builder()
                    .add(new TermInSetQuery(Fields.FILE, distinct.stream().map(BytesRef::new).toList()),
                            BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.KIND, Fields.ARTICLE)), BooleanClause.Occur.FILTER)
                    .build();
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(query, distinct.size()).scoreDocs) {
                Document d = stored.document(sd.doc, Set.of(Fields.FILE, Fields.TITLE));
                String title = d.get(Fields.TITLE);
                titles.put(d.get(Fields.FILE), title != null ? title : derived(stored.document(sd.doc)).title());
            }
        } finally {
            searchers.release(searcher);
        }
        return titles;
    }

    /** The articles ordered by file name, {@code limit} of them from {@code offset}, and how many there are. */
    @Override
    public ArticlePage articles(int offset, int limit) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(Fields.KIND, Fields.ARTICLE)), Integer.MAX_VALUE);
            StoredFields stored = searcher.storedFields();
            List<Map.Entry<String, Integer>> byName = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                byName.add(Map.entry(stored.document(sd.doc, Set.of(Fields.FILE)).get(Fields.FILE), sd.doc));
            }
            byName.sort(Map.Entry.comparingByKey());
            String committed = ((DirectoryReader) searcher.getIndexReader()).getIndexCommit().getUserData()
                    .getOrDefault(Fields.UPDATED_AT, "");
            List<ArticleSummary> page = new ArrayList<>();
            for (int i = offset; i < Math.min(byName.size(), offset + (long) limit); i++) {
                var e = byName.get(i);
                // Only the fields a row shows: the article's whole text is read only for an index from before them.
                Document d = stored.document(e.getValue(), ROW_FIELDS);
                if (d.get(Fields.TITLE) != null) {
                    page.add(new ArticleSummary(e.getKey(), d.get(Fields.TITLE),
                            d.getField(Fields.LINES).numericValue().intValue(),
                            d.getField(Fields.PASSAGES).numericValue().intValue(), d.get(Fields.INDEXED_AT)));
                } else { // indexed before these fields: counted and titled from what is stored
                    Derived derived = derived(stored.document(e.getValue()));
                    int passages = searcher.count(new BooleanQuery.Builder()
                            .add(new TermQuery(new Term(Fields.FILE, e.getKey())), BooleanClause.Occur.FILTER)
                            .add(new TermQuery(new Term(Fields.KIND, Fields.PASSAGE)), BooleanClause.Occur.FILTER)
                            .build());
                    page.add(new ArticleSummary(e.getKey(), derived.title(), derived.lines(), passages,
                            committed.isEmpty() ? null : committed));
                }
            }
            return new ArticlePage(page, byName.size());
        } finally {
            searchers.release(searcher);
        }
    }

    private record Derived(String title, int lines) {
    }

    /** The title and line count of an article document that does not store them. */
    private static Derived derived(Document d) {
        String content = d.get(Fields.CONTENT);
        List<String> lines = content == null || content.isEmpty() ? List.of() : List.of(content.split("\n", -1));
        Article article = new Article(d.get(Fields.FILE), lines, "", "");
        return new Derived(TITLES.get().of(article), lines.size());
    }

    @Override
    public IndexStats stats() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            int articles = searcher.count(new TermQuery(new Term(Fields.KIND, Fields.ARTICLE)));
            int passages = searcher.count(new TermQuery(new Term(Fields.KIND, Fields.PASSAGE)));
            DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
            String updated = reader.getIndexCommit().getUserData().getOrDefault(Fields.UPDATED_AT, "");
            return new IndexStats(articles, passages, updated);
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public Map<String, Double> bm25(Collection<String> terms, float headingBoost, int n, Set<String> files)
            throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) {
            b.add(new TermQuery(new Term(Fields.TEXT, t)), BooleanClause.Occur.SHOULD);
            if (headingBoost > 0) {
                b.add(new BoostQuery(new TermQuery(new Term(Fields.HEADING, t)), headingBoost),
                        BooleanClause.Occur.SHOULD);
            }
        }
        Query query = files.isEmpty()
                ? b.build()
                : new BooleanQuery.Builder().add(b.build(), BooleanClause.Occur.MUST)
                        .add(inFiles(files), BooleanClause.Occur.FILTER).build();
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(query, n);
            List<List<String>> pids = docValues(searcher, top.scoreDocs, Fields.PID_VALUES);
            StoredFields stored = searcher.storedFields();
            Map<String, Double> scores = new LinkedHashMap<>();
            for (int i = 0; i < top.scoreDocs.length; i++) {
                ScoreDoc sd = top.scoreDocs[i];
                String pid = pids.get(i) != null
                        ? pids.get(i).get(0)
                        : stored.document(sd.doc, Set.of(Fields.PID)).get(Fields.PID);
                scores.put(pid, (double) sd.score);
            }
            return scores;
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public List<UnitHit> nearestUnits(float[] query, int k, Set<String> files) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Query filter = files.isEmpty() ? null : inFiles(files);
            TopDocs top = searcher.search(new KnnFloatVectorQuery(Fields.VECTOR, query, k, filter), k);
            List<List<String>> pids = docValues(searcher, top.scoreDocs, Fields.PID_VALUES);
            List<List<String>> kinds = docValues(searcher, top.scoreDocs, Fields.UNIT_KIND_VALUE);
            StoredFields stored = searcher.storedFields();
            List<UnitHit> hits = new ArrayList<>(top.scoreDocs.length);
            for (int i = 0; i < top.scoreDocs.length; i++) {
                ScoreDoc sd = top.scoreDocs[i];
                if (pids.get(i) != null && kinds.get(i) != null) {
                    hits.add(new UnitHit(inPassageOrder(pids.get(i)), kinds.get(i).get(0), cosine(sd.score)));
                } else {
                    Document d = stored.document(sd.doc, Set.of(Fields.PID, Fields.UNIT_KIND));
                    hits.add(new UnitHit(List.of(d.getValues(Fields.PID)), d.get(Fields.UNIT_KIND),
                            cosine(sd.score)));
                }
            }
            return hits;
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public Map<String, Double> nearestArticles(float[] query, int k, Set<String> files) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Query filter = files.isEmpty() ? null : inFiles(files);
            TopDocs top = searcher.search(new KnnFloatVectorQuery(Fields.ARTICLE_VECTOR, query, k, filter), k);
            List<List<String>> named = docValues(searcher, top.scoreDocs, Fields.FILE_VALUE);
            StoredFields stored = searcher.storedFields();
            Map<String, Double> nearest = new LinkedHashMap<>();
            for (int i = 0; i < top.scoreDocs.length; i++) {
                ScoreDoc sd = top.scoreDocs[i];
                String file = named.get(i) != null
                        ? named.get(i).get(0)
                        : stored.document(sd.doc, Set.of(Fields.FILE)).get(Fields.FILE);
                nearest.put(file, cosine(sd.score));
            }
            return nearest;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Each hit's values of the doc-values field {@code field}, in the hits' order; null for a hit written before
     * the field existed (its stored fields are read instead). Doc values are read forward only, so the hits are
     * visited in document order.
     */
    private static List<List<String>> docValues(IndexSearcher searcher, ScoreDoc[] hits, String field)
            throws IOException {
        List<List<String>> values = new ArrayList<>(Collections.nCopies(hits.length, null));
        Integer[] order = new Integer[hits.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Integer.compare(hits[a].doc, hits[b].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        LeafReaderContext leaf = null;
        SortedSetDocValues dv = null;
        for (int i : order) {
            int doc = hits[i].doc;
            int at = ReaderUtil.subIndex(doc, leaves);
            if (at != leafIndex) {
                leafIndex = at;
                leaf = leaves.get(at);
                dv = leaf.reader().getSortedSetDocValues(field);
            }
            if (dv != null && dv.advanceExact(doc - leaf.docBase)) {
                List<String> these = new ArrayList<>(dv.docValueCount());
                for (int v = 0; v < dv.docValueCount(); v++) {
                    these.add(dv.lookupOrd(dv.nextOrd()).utf8ToString());
                }
                values.set(i, these);
            }
        }
        return values;
    }

    /** Doc values come sorted as text ("#10" before "#2"); stored values, and Solr's, in the passages' order. */
    private static List<String> inPassageOrder(List<String> pids) {
        if (pids.size() > 1) {
            pids.sort(Comparator.comparingInt(pid -> Integer.parseInt(pid.substring(pid.lastIndexOf('#') + 1))));
        }
        return pids;
    }

    /** Lucene maps a dot product d of unit vectors to the score (1 + d) / 2. */
    private static double cosine(float score) {
        return 2.0 * score - 1.0;
    }

    @Override
    public Map<String, float[]> articleVectors(Set<String> files) throws IOException {
        Map<String, float[]> vectors = new HashMap<>();
        if (files.isEmpty()) {
            return vectors;
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            Query theirs = new BooleanQuery.Builder()
                    .add(inFiles(files), BooleanClause.Occur.FILTER)
                    .add(new FieldExistsQuery(Fields.ARTICLE_VECTOR), BooleanClause.Occur.FILTER)
                    .build();
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(theirs, files.size() * 2).scoreDocs) {
                float[] v = vector(searcher, sd.doc, Fields.ARTICLE_VECTOR);
                if (v != null) {
                    vectors.put(stored.document(sd.doc, Set.of(Fields.FILE)).get(Fields.FILE), v);
                }
            }
            return vectors;
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public Map<String, Passage> passages(Collection<String> pids) throws IOException {
        Map<String, Passage> passages = new HashMap<>();
        if (pids.isEmpty()) {
            return passages;
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            Set<String> distinct = new LinkedHashSet<>(pids);
            Query q = new BooleanQuery.Builder()
                    .add(new TermInSetQuery(Fields.PID, distinct.stream().map(BytesRef::new).toList()),
                            BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.KIND, Fields.PASSAGE)), BooleanClause.Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(q, distinct.size());
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc);
                passages.put(d.get(Fields.PID), passageFrom(d));
            }
            return passages;
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public TermStats termStats(Collection<String> terms) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            IndexReader reader = searcher.getIndexReader();
            Map<String, Long> docFreq = new HashMap<>();
            for (String t : terms) {
                docFreq.put(t, (long) reader.docFreq(new Term(Fields.TEXT, t)));
            }
            return new TermStats(reader.getDocCount(Fields.TEXT), docFreq);
        } finally {
            searchers.release(searcher);
        }
    }

    private static Query inFiles(Collection<String> files) {
        return new TermInSetQuery(Fields.FILE, files.stream().map(BytesRef::new).toList());
    }

    /** The searchers over the last commit, for retrieval; acquire and release each use. */
    public SearcherManager searchers() {
        return searchers;
    }

    /** Picks up commits made by another process (a read-only index beside a running indexer). */
    @Override
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** The passage a stored document holds. */
    public static Passage passageFrom(Document d) {
        List<Sentence> sentences = new ArrayList<>();
        for (String encoded : d.getValues(Fields.SENTENCE)) {
            int a = encoded.indexOf('\t');
            int b = encoded.indexOf('\t', a + 1);
            sentences.add(new Sentence(encoded.substring(b + 1),
                    Integer.parseInt(encoded, 0, a, 10), Integer.parseInt(encoded, a + 1, b, 10)));
        }
        return new Passage(d.get(Fields.FILE), d.getField(Fields.START_LINE).numericValue().intValue(),
                d.getField(Fields.END_LINE).numericValue().intValue(), sentences, d.get(Fields.HEADING));
    }

    private Document articleDocument(Article article, String title, String embedding, int passages) {
        Document d = new Document();
        d.add(new StoredField(Fields.TITLE, title));
        d.add(new StoredField(Fields.LINES, article.lineCount()));
        d.add(new StoredField(Fields.PASSAGES, passages));
        d.add(new StoredField(Fields.INDEXED_AT, Instant.now().toString()));
        d.add(new StringField(Fields.KIND, Fields.ARTICLE, Field.Store.NO));
        d.add(new StoredField(Fields.EMBEDDING, embedding));
        if (layout >= 2) {
            d.add(new StoredField(Fields.LAYOUT, layout));
        }
        d.add(new StringField(Fields.FILE, article.file(), Field.Store.YES));
        d.add(new StringField(Fields.HASH, article.hash(), Field.Store.YES));
        d.add(new StoredField(Fields.CHARSET, article.charset()));
        d.add(new StoredField(Fields.CONTENT, String.join("\n", article.lines())));
        if (!article.layout().equals(Layout.PLAIN)) {
            d.add(new StoredField(Fields.FORMAT, article.layout().format()));
            d.add(new StoredField(Fields.DOC_TITLE, article.layout().title()));
            d.add(new StoredField(Fields.ORIGINS, article.layout().encodeOrigins()));
        }
        return d;
    }

    private Document passageDocument(Passage p, int ordinal, String hash) {
        Document d = new Document();
        d.add(new StringField(Fields.KIND, Fields.PASSAGE, Field.Store.NO));
        String id = pid(p.file(), ordinal);
        d.add(new StringField(Fields.PID, id, Field.Store.YES));
        if (layout >= 2) {
            d.add(new SortedSetDocValuesField(Fields.PID_VALUES, new BytesRef(id)));
        }
        d.add(new StringField(Fields.FILE, p.file(), Field.Store.YES));
        d.add(new StringField(Fields.HASH, hash, Field.Store.NO));
        d.add(new StoredField(Fields.START_LINE, p.startLine()));
        d.add(new StoredField(Fields.END_LINE, p.endLine()));
        d.add(new TextField(Fields.TEXT, p.text(), Field.Store.NO));
        d.add(new TextField(Fields.HEADING, p.heading(), Field.Store.YES));
        for (Sentence s : p.sentences()) {
            d.add(new StoredField(Fields.SENTENCE, s.startLine() + "\t" + s.endLine() + "\t" + s.text()));
        }
        return d;
    }

    private Document unitDocument(String file, Unit u) {
        Document d = new Document();
        d.add(new StringField(Fields.KIND, Fields.UNIT, Field.Store.NO));
        d.add(new StringField(Fields.FILE, file, Field.Store.YES));
        d.add(new StringField(Fields.TEXT_HASH, u.textHash(), Field.Store.YES));
        d.add(new StoredField(Fields.UNIT_KIND, u.kind().name()));
        if (layout >= 2) {
            d.add(new SortedSetDocValuesField(Fields.UNIT_KIND_VALUE, new BytesRef(u.kind().name())));
            d.add(new SortedSetDocValuesField(Fields.FILE_VALUE, new BytesRef(file)));
        }
        for (int ordinal : u.passages()) {
            String id = pid(file, ordinal);
            d.add(new StringField(Fields.PID, id, Field.Store.YES));
            if (layout >= 2) {
                d.add(new SortedSetDocValuesField(Fields.PID_VALUES, new BytesRef(id)));
            }
        }
        // Vectors are unit length, so the dot product is their cosine. The article's vector has a field of its
        // own, so it never crowds the nearest sentences out of the passage-level search.
        String field = u.kind() == Unit.Kind.ARTICLE ? Fields.ARTICLE_VECTOR : Fields.VECTOR;
        d.add(new KnnFloatVectorField(field, u.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        return d;
    }

    private IndexWriter requireWriter() throws IOException {
        if (writer == null) {
            throw new IOException("the index is open read-only: another process is writing it");
        }
        return writer;
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            try {
                if (writer != null && writer.isOpen()) {
                    writer.close();
                }
            } finally {
                directory.close();
            }
        }
    }
}
