package dev.footnote.index.solr;

import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleReader;
import dev.footnote.corpus.Layout;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import dev.footnote.index.ArticlePage;
import dev.footnote.index.ArticleSummary;
import dev.footnote.index.BackendSettings;
import dev.footnote.index.BackendUnavailableException;
import dev.footnote.index.Fields;
import dev.footnote.index.IndexStats;
import dev.footnote.index.PassageStore;
import dev.footnote.index.Unit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * The passages in a SolrCloud collection, through SolrJ. The documents are the embedded index's, field for field; the
 * collection is created on first use ({@link SolrCollections#ensure}). Every document of a file carries the same
 * routing prefix (a hash of the file name, then {@code !}), so a file lives on one shard and its documents are replaced
 * by one update request to that shard (several files are sent together, the client splitting them by shard): its new
 * documents overwrite the old ones by id, and the ids of the old ones beyond the new counts are deleted in the same
 * request. Nothing is visible before {@link #commit}, a hard commit that
 * opens a new searcher. BM25 is asked for with term queries on the analysed terms (Solr's XML query parser, which does
 * not analyse them again), built as the embedded index builds them; the collection's configset turns on exact
 * distributed statistics, so every shard scores with the whole collection's.
 */
public final class SolrPassageStore implements PassageStore {

    private static final String META_ID = "footnote-meta";
    private static final String META = "meta";
    private static final String UNITS = "units";
    /** Separates the values of a terms filter: no file name or pid holds it. */
    private static final String SEPARATOR = "\u001f";
    private static final int PAGE = 1000;
    private static final int HASHES_PER_QUERY = 512;
    /** Documents gathered before a request: one request per file would cost a round trip to a shard each. */
    private static final int BATCH_DOCS = 2000;

    private final SolrCollections cluster;
    private final CloudSolrClient client;
    private final String collection;
    /** The passage and unit counts of each file, as written: which ids an update must delete. */
    private final Map<String, int[]> counts = new ConcurrentHashMap<>();
    /** Whether {@link #counts} names every indexed file (after {@link #indexedFiles}), so a file missing is new. */
    private volatile boolean countsComplete;
    /** Files written and not yet sent: sent together, a few thousand documents a request, or at a commit. */
    private UpdateRequest pending = new UpdateRequest();
    private int pendingDocs;
    private int pendingFiles;

    private SolrPassageStore(SolrCollections cluster, String collection) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.collection = collection;
    }

    /**
     * Connects to the cluster the settings name (ZooKeeper, else a node's URL) and makes or checks the collection for
     * vectors of {@code dimension}. An unreachable cluster is a {@link SolrCollections.SolrUnreachableException} naming
     * the address.
     */
    public static SolrPassageStore open(BackendSettings settings, int dimension, int connectSeconds) {
        SolrCollections cluster = settings.solrZk().isEmpty()
                ? SolrCollections.connectUrls(settings.solrUrl(), connectSeconds)
                : SolrCollections.connect(settings.solrZk(), connectSeconds);
        try {
            cluster.ensure(settings.collection(), settings.shards(), settings.replicas(), dimension);
            return new SolrPassageStore(cluster, settings.collection());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return "collection " + collection + " on the SolrCloud at " + cluster.address();
    }

    @Override
    public boolean writable() {
        return true;
    }

    /** The routing prefix of a file's documents: a short hash of its name, so any name routes (even one with a "!"). */
    static String route(String file) {
        return ArticleReader.sha256(file.getBytes(StandardCharsets.UTF_8)).substring(0, 8) + "!";
    }

    /** A document's id: the file's route, the file (with "%" and "!" escaped, so routing sees one "!"), a suffix. */
    static String id(String file, String suffix) {
        return route(file) + file.replace("%", "%25").replace("!", "%21") + "#" + suffix;
    }

    @Override
    public void put(Article article, String title, List<Passage> passages, List<Unit> units, String embedding)
            throws IOException {
        String file = article.file();
        UpdateRequest update = new UpdateRequest();
        update.add(articleDocument(article, title, embedding, passages.size(), units.size()));
        for (int i = 0; i < passages.size(); i++) {
            update.add(passageDocument(passages.get(i), i, article.hash()));
        }
        for (int i = 0; i < units.size(); i++) {
            update.add(unitDocument(file, i, units.get(i)));
        }
        int[] before = countsOf(file);
        List<String> stale = new ArrayList<>();
        for (int i = passages.size(); i < before[0]; i++) {
            stale.add(id(file, "p" + i));
        }
        for (int i = units.size(); i < before[1]; i++) {
            stale.add(id(file, "u" + i));
        }
        synchronized (this) {
            pending.add(update.getDocuments());
            if (!stale.isEmpty()) {
                pending.deleteById(stale);
            }
            pendingDocs += update.getDocuments().size() + stale.size();
            pendingFiles++;
            counts.put(file, new int[]{passages.size(), units.size()});
            if (pendingDocs >= BATCH_DOCS) {
                flush();
            }
        }
    }

    /**
     * Sends the files written since the last send: one request, which the client splits by shard, so each file's
     * documents still go to its shard in one request. Nothing of it is visible before {@link #commit}.
     */
    private synchronized void flush() throws IOException {
        if (pendingFiles == 0) {
            return;
        }
        UpdateRequest update = pending;
        int files = pendingFiles;
        pending = new UpdateRequest();
        pendingDocs = 0;
        pendingFiles = 0;
        send(update, "write " + files + " files");
    }

    /** What is written of a file: from the last pass's listing, or asked for when that does not name it. */
    private int[] countsOf(String file) throws IOException {
        int[] known = counts.get(file);
        if (known != null) {
            return known;
        }
        if (countsComplete) {
            return new int[2];
        }
        SolrQuery q = new SolrQuery("*:*").addFilterQuery(term("id", id(file, "a")))
                .setFields(Fields.PASSAGES, UNITS).setRows(1);
        SolrDocumentList found = query(q).getResults();
        return found.isEmpty()
                ? new int[2]
                : new int[]{intOf(found.get(0), Fields.PASSAGES), intOf(found.get(0), UNITS)};
    }

    @Override
    public void remove(String file) throws IOException {
        flush(); // its last writes first, so that the delete comes after them
        // By query, on the file's shard alone: whatever was written for it goes, whatever the counts say.
        UpdateRequest update = new UpdateRequest();
        update.deleteByQuery(term(Fields.FILE, file));
        update.setParam("_route_", route(file));
        send(update, "remove " + file);
        counts.remove(file);
    }

    @Override
    public void commit() throws IOException {
        flush();
        UpdateRequest meta = new UpdateRequest();
        SolrInputDocument d = new SolrInputDocument();
        d.addField("id", META_ID);
        d.addField(Fields.KIND, META);
        d.addField(Fields.UPDATED_AT, Instant.now().toString());
        meta.add(d);
        send(meta, "commit");
        try {
            client.commit(collection, true, true); // a hard commit, broadcast to every shard; opens a new searcher
        } catch (SolrServerException | SolrException e) {
            throw failure("commit", e);
        }
    }

    @Override
    public void rollbackToLastCommit() throws IOException {
        throw new IOException("a SolrCloud collection cannot roll back; the next indexing pass rewrites what differs");
    }

    @Override
    public Map<String, IndexedFile> indexedFiles() throws IOException {
        Map<String, IndexedFile> files = new HashMap<>();
        Map<String, int[]> written = new HashMap<>();
        SolrQuery q = new SolrQuery("*:*").addFilterQuery(term(Fields.KIND, Fields.ARTICLE))
                .setFields(Fields.FILE, Fields.HASH, Fields.EMBEDDING, Fields.PASSAGES, UNITS)
                .setRows(PAGE).setSort("id", SolrQuery.ORDER.asc);
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        while (true) {
            q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse r = query(q);
            for (SolrDocument d : r.getResults()) {
                String file = (String) d.getFirstValue(Fields.FILE);
                Object embedding = d.getFirstValue(Fields.EMBEDDING);
                // A collection's schema is the cluster's own: it has no older layout to upgrade.
                files.put(file, new IndexedFile((String) d.getFirstValue(Fields.HASH),
                        embedding == null ? "" : (String) embedding, LAYOUT));
                written.put(file, new int[]{intOf(d, Fields.PASSAGES), intOf(d, UNITS)});
            }
            if (cursor.equals(r.getNextCursorMark())) {
                break;
            }
            cursor = r.getNextCursorMark();
        }
        counts.clear();
        counts.putAll(written);
        countsComplete = true;
        return files;
    }

    @Override
    public Map<String, float[]> cachedVectors(Collection<String> textHashes) throws IOException {
        Map<String, float[]> found = new HashMap<>();
        List<String> hashes = new ArrayList<>(new LinkedHashSet<>(textHashes));
        for (int from = 0; from < hashes.size(); from += HASHES_PER_QUERY) {
            List<String> some = hashes.subList(from, Math.min(hashes.size(), from + HASHES_PER_QUERY));
            // A sentence repeated across files has a unit in each; collapsing keeps one per hash on each shard, so
            // the rows always hold every hash found, however often it repeats.
            SolrQuery q = new SolrQuery("*:*").addFilterQuery(terms(Fields.TEXT_HASH, "h", some))
                    .addFilterQuery("{!collapse field=" + Fields.TEXT_HASH + "}")
                    .setFields(Fields.TEXT_HASH, Fields.VECTOR, Fields.ARTICLE_VECTOR)
                    .setRows(some.size() * shards());
            q.set("h", String.join(SEPARATOR, some));
            for (SolrDocument d : search(q).getResults()) {
                String h = (String) d.getFirstValue(Fields.TEXT_HASH);
                float[] v = vector(d, Fields.VECTOR);
                if (v == null) {
                    v = vector(d, Fields.ARTICLE_VECTOR);
                }
                if (v != null) {
                    found.putIfAbsent(h, v);
                }
            }
        }
        return found;
    }

    private int shards() throws IOException {
        DocCollection c = client.getClusterStateProvider().getCollection(collection);
        return c == null ? 1 : Math.max(1, c.getSlices().size());
    }

    @Override
    public void refresh() {
        // Every search sees the collection's last commit.
    }

    @Override
    public Optional<Article> article(String file) throws IOException {
        SolrQuery q = new SolrQuery("*:*").addFilterQuery(term("id", id(file, "a"))).setRows(1)
                .setFields(Fields.FILE, Fields.HASH, Fields.CHARSET, Fields.CONTENT, Fields.FORMAT, Fields.DOC_TITLE,
                        Fields.ORIGINS);
        SolrDocumentList found = search(q).getResults();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SolrDocument d = found.get(0);
        String content = string(d, Fields.CONTENT);
        List<String> lines = content.isEmpty() ? List.of() : List.of(content.split("\n", -1));
        String format = (String) d.getFirstValue(Fields.FORMAT);
        return Optional.of(new Article(file, lines, string(d, Fields.HASH), string(d, Fields.CHARSET),
                Layout.decode(format, (String) d.getFirstValue(Fields.DOC_TITLE),
                        (String) d.getFirstValue(Fields.ORIGINS))));
    }

    @Override
    public Map<String, String> titles(Collection<String> files) throws IOException {
        Map<String, String> titles = new HashMap<>();
        Set<String> distinct = new LinkedHashSet<>(files);
        if (distinct.isEmpty()) {
            return titles;
        }
        SolrQuery q = new SolrQuery("*:*").addFilterQuery(term(Fields.KIND, Fields.ARTICLE))
                .addFilterQuery(terms(Fields.FILE, "files", distinct)).setFields(Fields.FILE, Fields.TITLE)
                .setRows(distinct.size());
        q.set("files", String.join(SEPARATOR, distinct));
        for (SolrDocument d : search(q).getResults()) {
            titles.put(string(d, Fields.FILE), string(d, Fields.TITLE));
        }
        return titles;
    }

    @Override
    public ArticlePage articles(int offset, int limit) throws IOException {
        SolrQuery q = new SolrQuery("*:*").addFilterQuery(term(Fields.KIND, Fields.ARTICLE))
                .setFields(Fields.FILE, Fields.TITLE, Fields.LINES, Fields.PASSAGES, Fields.INDEXED_AT)
                .setSort(Fields.FILE, SolrQuery.ORDER.asc).setStart(offset).setRows(limit);
        QueryResponse r = query(q);
        List<ArticleSummary> page = new ArrayList<>();
        for (SolrDocument d : r.getResults()) {
            page.add(new ArticleSummary(string(d, Fields.FILE), string(d, Fields.TITLE), intOf(d, Fields.LINES),
                    intOf(d, Fields.PASSAGES), (String) d.getFirstValue(Fields.INDEXED_AT)));
        }
        return new ArticlePage(page, (int) r.getResults().getNumFound());
    }

    @Override
    public IndexStats stats() throws IOException {
        // One request: the meta document (when it was last committed) and, over every document, the count per kind.
        SolrQuery q = new SolrQuery("*:*").addFilterQuery("{!term tag=meta f=" + Fields.KIND + "}" + META)
                .setFields(Fields.UPDATED_AT).setRows(1).setFacet(true)
                .addFacetField("{!ex=meta}" + Fields.KIND).setFacetMinCount(1);
        QueryResponse r = query(q);
        Map<String, Long> kinds = new HashMap<>();
        r.getFacetField(Fields.KIND).getValues().forEach(c -> kinds.put(c.getName(), c.getCount()));
        String updated = r.getResults().isEmpty() ? "" : string(r.getResults().get(0), Fields.UPDATED_AT);
        return new IndexStats(kinds.getOrDefault(Fields.ARTICLE, 0L).intValue(),
                kinds.getOrDefault(Fields.PASSAGE, 0L).intValue(), updated);
    }

    @Override
    public Map<String, Double> bm25(Collection<String> terms, float headingBoost, int n, Set<String> files)
            throws IOException {
        // The embedded index's query, clause for clause: text:t, and heading:t boosted, for each term.
        StringBuilder xml = new StringBuilder("<BooleanQuery>");
        for (String t : terms) {
            xml.append("<Clause occurs=\"should\"><TermQuery fieldName=\"").append(Fields.TEXT).append("\">")
                    .append(escapeXml(t)).append("</TermQuery></Clause>");
            if (headingBoost > 0) {
                xml.append("<Clause occurs=\"should\"><TermQuery fieldName=\"").append(Fields.HEADING)
                        .append("\" boost=\"").append(headingBoost).append("\">").append(escapeXml(t))
                        .append("</TermQuery></Clause>");
            }
        }
        xml.append("</BooleanQuery>");
        SolrQuery q = new SolrQuery("{!xmlparser v=$xq}").setFields(Fields.PID, "score").setRows(n);
        q.set("xq", xml.toString());
        inFiles(q, files);
        Map<String, Double> scores = new LinkedHashMap<>();
        for (SolrDocument d : search(q).getResults()) {
            scores.put((String) d.getFirstValue(Fields.PID), ((Number) d.getFieldValue("score")).doubleValue());
        }
        return scores;
    }

    @Override
    public List<UnitHit> nearestUnits(float[] query, int k, Set<String> files) throws IOException {
        List<UnitHit> hits = new ArrayList<>();
        for (SolrDocument d : knn(Fields.VECTOR, query, k, files, Fields.PID, Fields.UNIT_KIND)) {
            List<String> pids = new ArrayList<>();
            Collection<Object> values = d.getFieldValues(Fields.PID);
            if (values != null) {
                values.forEach(v -> pids.add((String) v));
            }
            hits.add(new UnitHit(pids, (String) d.getFirstValue(Fields.UNIT_KIND), cosine(d)));
        }
        return hits;
    }

    @Override
    public Map<String, Double> nearestArticles(float[] query, int k, Set<String> files) throws IOException {
        Map<String, Double> nearest = new LinkedHashMap<>();
        for (SolrDocument d : knn(Fields.ARTICLE_VECTOR, query, k, files, Fields.FILE)) {
            nearest.put(string(d, Fields.FILE), cosine(d));
        }
        return nearest;
    }

    /** The nearest documents by a vector field; the file filter is a pre-filter, so it never empties the k places. */
    private SolrDocumentList knn(String field, float[] query, int k, Set<String> files, String... fields)
            throws IOException {
        StringBuilder v = new StringBuilder("[");
        for (int i = 0; i < query.length; i++) {
            v.append(i == 0 ? "" : ",").append(query[i]);
        }
        v.append(']');
        SolrQuery q = new SolrQuery("{!knn f=" + field + " topK=" + k + " v=$vec}").setRows(k);
        q.set("vec", v.toString());
        List<String> fl = new ArrayList<>(List.of(fields));
        fl.add("score");
        q.setFields(fl.toArray(String[]::new));
        inFiles(q, files);
        return search(q).getResults();
    }

    /** Solr's cosine similarity scores (1 + cos) / 2, as the embedded index's dot product of unit vectors does. */
    private static double cosine(SolrDocument d) {
        return 2.0 * ((Number) d.getFieldValue("score")).floatValue() - 1.0;
    }

    @Override
    public Map<String, float[]> articleVectors(Set<String> files) throws IOException {
        Map<String, float[]> vectors = new HashMap<>();
        if (files.isEmpty()) {
            return vectors;
        }
        SolrQuery q = new SolrQuery("*:*").addFilterQuery(term(Fields.UNIT_KIND, Unit.Kind.ARTICLE.name()))
                .setFields(Fields.FILE, Fields.ARTICLE_VECTOR).setRows(files.size() * 2);
        inFiles(q, files);
        for (SolrDocument d : search(q).getResults()) {
            float[] v = vector(d, Fields.ARTICLE_VECTOR);
            if (v != null) {
                vectors.put(string(d, Fields.FILE), v);
            }
        }
        return vectors;
    }

    @Override
    public Map<String, Passage> passages(Collection<String> pids) throws IOException {
        Map<String, Passage> passages = new HashMap<>();
        Set<String> distinct = new LinkedHashSet<>(pids);
        if (distinct.isEmpty()) {
            return passages;
        }
        SolrQuery q = new SolrQuery("*:*").addFilterQuery(term(Fields.KIND, Fields.PASSAGE))
                .addFilterQuery(terms(Fields.PID, "pids", distinct))
                .setFields(Fields.PID, Fields.FILE, Fields.START_LINE, Fields.END_LINE, Fields.HEADING, Fields.SENTENCE)
                .setRows(distinct.size());
        q.set("pids", String.join(SEPARATOR, distinct));
        for (SolrDocument d : search(q).getResults()) {
            passages.put((String) d.getFirstValue(Fields.PID), passageFrom(d));
        }
        return passages;
    }

    @Override
    public TermStats termStats(Collection<String> terms) throws IOException {
        // Passages counted once, and each term's passages as a facet query: one request, over the whole collection.
        List<String> list = List.copyOf(new LinkedHashSet<>(terms));
        SolrQuery q = new SolrQuery("*:*").addFilterQuery(term(Fields.KIND, Fields.PASSAGE)).setRows(0)
                .setFacet(true);
        for (int i = 0; i < list.size(); i++) {
            q.addFacetQuery("{!term f=" + Fields.TEXT + " v=$t" + i + "}");
            q.set("t" + i, list.get(i));
        }
        QueryResponse r = search(q);
        Map<String, Long> docFreq = new HashMap<>();
        Map<String, Integer> counts = r.getFacetQuery() == null ? Map.of() : r.getFacetQuery();
        for (int i = 0; i < list.size(); i++) {
            Integer c = counts.get("{!term f=" + Fields.TEXT + " v=$t" + i + "}");
            docFreq.put(list.get(i), c == null ? 0L : c.longValue());
        }
        return new TermStats(r.getResults().getNumFound(), docFreq);
    }

    private static void inFiles(SolrQuery q, Set<String> files) {
        if (!files.isEmpty()) {
            q.addFilterQuery(terms(Fields.FILE, "infiles", files));
            q.set("infiles", String.join(SEPARATOR, files));
        }
    }

    /** A query for one exact term: after the local parameters the term parser takes the value as it is, unescaped. */
    private static String term(String field, String value) {
        return "{!term f=" + field + "}" + value;
    }

    /** A filter on any of the values in parameter {@code param} (joined by {@link #SEPARATOR}). */
    private static String terms(String field, String param, Collection<String> values) {
        return values.isEmpty() ? "-*:*" : "{!terms f=" + field + " separator=$sep v=$" + param + "}";
    }

    /**
     * A query on an answer's path, or one whose rows all come back: each shard sends its rows' fields with its top
     * ids ({@code distrib.singlePass}), saving the second round trip to the shards that fetches them. A
     * 50,000-passage collection on 2 shards answered in 30 ms instead of 39 (docs/scaling.md). Not for a page of a
     * long list: every shard would send the fields of all the rows up to the page's end.
     */
    private QueryResponse search(SolrQuery q) throws IOException {
        q.set("distrib.singlePass", true);
        return query(q);
    }

    private QueryResponse query(SolrQuery q) throws IOException {
        q.set("sep", SEPARATOR);
        try {
            return client.query(collection, q, SolrRequest.METHOD.POST);
        } catch (SolrServerException | SolrException e) {
            throw failure("search", e);
        }
    }

    private void send(UpdateRequest update, String what) throws IOException {
        try {
            update.process(client, collection);
        } catch (SolrServerException | SolrException e) {
            throw failure(what, e);
        }
    }

    /**
     * A failure of the cluster (unreachable, or a shard with no live replica) may pass: it is a
     * {@link BackendUnavailableException}; a request the cluster refused is a plain IOException.
     */
    private IOException failure(String what, Exception e) {
        String message = "the SolrCloud at " + cluster.address() + " failed to " + what + " in collection " + collection
                + ": " + e.getMessage();
        boolean refused = e instanceof SolrException se && se.code() >= 400 && se.code() < 500;
        return refused ? new IOException(message, e) : new BackendUnavailableException(message, e);
    }

    private static SolrInputDocument articleDocument(Article article, String title, String embedding, int passages,
            int units) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField("id", id(article.file(), "a"));
        d.addField(Fields.KIND, Fields.ARTICLE);
        d.addField(Fields.FILE, article.file());
        d.addField(Fields.HASH, article.hash());
        d.addField(Fields.TITLE, title);
        d.addField(Fields.LINES, article.lineCount());
        d.addField(Fields.PASSAGES, passages);
        d.addField(UNITS, units);
        d.addField(Fields.INDEXED_AT, Instant.now().toString());
        d.addField(Fields.EMBEDDING, embedding);
        d.addField(Fields.CHARSET, article.charset());
        d.addField(Fields.CONTENT, String.join("\n", article.lines()));
        if (!article.layout().equals(Layout.PLAIN)) {
            d.addField(Fields.FORMAT, article.layout().format());
            d.addField(Fields.DOC_TITLE, article.layout().title());
            d.addField(Fields.ORIGINS, article.layout().encodeOrigins());
        }
        return d;
    }

    private static SolrInputDocument passageDocument(Passage p, int ordinal, String hash) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField("id", id(p.file(), "p" + ordinal));
        d.addField(Fields.KIND, Fields.PASSAGE);
        d.addField(Fields.PID, PassageStore.pid(p.file(), ordinal));
        d.addField(Fields.FILE, p.file());
        d.addField(Fields.HASH, hash);
        d.addField(Fields.START_LINE, p.startLine());
        d.addField(Fields.END_LINE, p.endLine());
        d.addField(Fields.TEXT, p.text());
        d.addField(Fields.HEADING, p.heading());
        for (Sentence s : p.sentences()) {
            d.addField(Fields.SENTENCE, s.startLine() + "\t" + s.endLine() + "\t" + s.text());
        }
        return d;
    }

    private static SolrInputDocument unitDocument(String file, int ordinal, Unit u) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField("id", id(file, "u" + ordinal));
        d.addField(Fields.KIND, Fields.UNIT);
        d.addField(Fields.FILE, file);
        d.addField(Fields.TEXT_HASH, u.textHash());
        d.addField(Fields.UNIT_KIND, u.kind().name());
        for (int passage : u.passages()) {
            d.addField(Fields.PID, PassageStore.pid(file, passage));
        }
        List<Float> vector = new ArrayList<>(u.vector().length);
        for (float x : u.vector()) {
            vector.add(x);
        }
        d.addField(u.kind() == Unit.Kind.ARTICLE ? Fields.ARTICLE_VECTOR : Fields.VECTOR, vector);
        return d;
    }

    private static Passage passageFrom(SolrDocument d) {
        List<Sentence> sentences = new ArrayList<>();
        Collection<Object> encoded = d.getFieldValues(Fields.SENTENCE);
        for (Object o : encoded == null ? List.<Object>of() : encoded) {
            String e = (String) o;
            int a = e.indexOf('\t');
            int b = e.indexOf('\t', a + 1);
            sentences.add(new Sentence(e.substring(b + 1), Integer.parseInt(e, 0, a, 10),
                    Integer.parseInt(e, a + 1, b, 10)));
        }
        return new Passage(string(d, Fields.FILE), intOf(d, Fields.START_LINE), intOf(d, Fields.END_LINE), sentences,
                string(d, Fields.HEADING));
    }

    private static float[] vector(SolrDocument d, String field) {
        Collection<Object> values = d.getFieldValues(field);
        if (values == null || values.isEmpty()) {
            return null;
        }
        float[] v = new float[values.size()];
        int i = 0;
        for (Object o : values) {
            v[i++] = ((Number) o).floatValue();
        }
        return v;
    }

    private static String string(SolrDocument d, String field) {
        Object v = d.getFirstValue(field);
        return v == null ? "" : v.toString();
    }

    private static int intOf(SolrDocument d, String field) {
        Object v = d.getFirstValue(field);
        return v == null ? 0 : ((Number) v).intValue();
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        cluster.close();
    }
}
