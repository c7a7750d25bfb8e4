package dev.footnote.index;

import dev.footnote.corpus.Article;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The Lucene index on disk. Each file's documents are replaced in one atomic update, changes become visible
 * to searches only once committed, and searches go through a {@link SearcherManager} so they keep working
 * while the index is being updated. When another process holds the write lock the index opens read-only.
 */
public final class PassageIndex implements Closeable {

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private PassageIndex(Directory directory, IndexWriter writer, SearcherManager searchers) {
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
    }

    /** Opens (creating if needed) the index for writing, or read-only if another process is writing it. */
    public static PassageIndex open(Path dir) throws IOException {
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
            return new PassageIndex(directory, writer, new SearcherManager(directory, new SearcherFactory()));
        } catch (LockObtainFailedException e) {
            if (!DirectoryReader.indexExists(directory)) {
                directory.close();
                throw new IOException("index " + dir + " is locked by another process and has no commit yet", e);
            }
            return new PassageIndex(directory, null, new SearcherManager(directory, new SearcherFactory()));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    public boolean writable() {
        return writer != null;
    }

    /** Replaces everything indexed for the article's file, atomically. */
    public void put(Article article, List<Passage> passages) throws IOException {
        List<Document> docs = new ArrayList<>(passages.size() + 1);
        docs.add(articleDocument(article));
        for (Passage p : passages) {
            docs.add(passageDocument(p, article.hash()));
        }
        requireWriter().updateDocuments(new Term(Fields.FILE, article.file()), docs);
    }

    public void remove(String file) throws IOException {
        requireWriter().deleteDocuments(new Term(Fields.FILE, file));
    }

    /** Makes all updates so far durable and visible to new searches. */
    public void commit() throws IOException {
        IndexWriter w = requireWriter();
        w.setLiveCommitData(Map.of(Fields.UPDATED_AT, Instant.now().toString()).entrySet());
        w.commit();
        searchers.maybeRefreshBlocking();
    }

    /** Drops uncommitted updates (used when an indexing pass fails half-way). */
    public void rollbackToLastCommit() throws IOException {
        // IndexWriter.rollback closes the writer; callers treat the index as unusable for writing afterwards.
        requireWriter().rollback();
    }

    /** The content hash of every indexed file, as last committed. */
    public Map<String, String> indexedHashes() throws IOException {
        Map<String, String> hashes = new HashMap<>();
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(Fields.KIND, Fields.ARTICLE)), Integer.MAX_VALUE);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc, java.util.Set.of(Fields.FILE, Fields.HASH));
                hashes.put(d.get(Fields.FILE), d.get(Fields.HASH));
            }
        } finally {
            searchers.release(searcher);
        }
        return hashes;
    }

    /** The article as it was indexed, so citations are checked against what was searched. */
    public Optional<Article> article(String file) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            var query = new org.apache.lucene.search.BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.FILE, file)), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.KIND, Fields.ARTICLE)), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(query, 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document d = searcher.storedFields().document(top.scoreDocs[0].doc);
            String content = d.get(Fields.CONTENT);
            List<String> lines = content.isEmpty() ? List.of() : List.of(content.split("\n", -1));
            return Optional.of(new Article(file, lines, d.get(Fields.HASH), d.get(Fields.CHARSET)));
        } finally {
            searchers.release(searcher);
        }
    }

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

    SearcherManager searchers() {
        return searchers;
    }

    /** Picks up commits made by another process (a read-only index beside a running indexer). */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    static Passage passageFrom(Document d) {
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

    private static Document articleDocument(Article article) {
        Document d = new Document();
        d.add(new StringField(Fields.KIND, Fields.ARTICLE, Field.Store.NO));
        d.add(new StringField(Fields.FILE, article.file(), Field.Store.YES));
        d.add(new StringField(Fields.HASH, article.hash(), Field.Store.YES));
        d.add(new StoredField(Fields.CHARSET, article.charset()));
        d.add(new StoredField(Fields.CONTENT, String.join("\n", article.lines())));
        return d;
    }

    private static Document passageDocument(Passage p, String hash) {
        Document d = new Document();
        d.add(new StringField(Fields.KIND, Fields.PASSAGE, Field.Store.NO));
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
