package dev.footnote.conversation.solr;

import dev.footnote.conversation.ConversationStore;
import dev.footnote.index.BackendUnavailableException;
import dev.footnote.index.solr.StateCollection;
import dev.footnote.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.FieldStatsInfo;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * Conversations in the cluster's {@link StateCollection}, one document each (its turns as JSON, when it was last
 * used, its size in characters), so that every server over the same collection continues any conversation, and a
 * restart loses none. A conversation is read with a real-time get, so a follow-up sent to another server a moment
 * after the answer finds its turn without waiting for a commit; {@link #count}, {@link #size} and {@link #prune}
 * search, and see a write within the collection's soft commit (a second). A cluster that cannot be reached is a
 * {@link BackendUnavailableException} ({@link UncheckedIOException} around one from the two methods that cannot
 * throw it).
 */
public final class SolrConversationStore implements ConversationStore {

    private static final String PREFIX = "conversation:";
    private static final String KIND = "conversation";
    private static final String ALL = "kind:" + KIND;
    private static final int PAGE = 500;

    private final StateCollection state;
    private final Consumer<String> log;

    public SolrConversationStore(StateCollection state, Consumer<String> log) {
        this.state = state;
        this.log = log;
    }

    /** Where the conversations are kept, for the log. */
    public String where() {
        return "collection " + state.name() + " at " + state.zk();
    }

    @Override
    public Optional<Stored> get(String id) throws IOException {
        SolrDocument doc = state.get(PREFIX + id);
        if (doc == null) {
            return Optional.empty();
        }
        Stored stored;
        try {
            stored = Json.MAPPER.readValue(String.valueOf(doc.getFieldValue("body")), Stored.class);
        } catch (IOException | RuntimeException e) {
            stored = null;
        }
        if (stored == null || !id.equals(stored.id()) || stored.turns().stream()
                .anyMatch(t -> t.question() == null || t.searchQuery() == null || t.answer() == null)) {
            log.accept("conversation " + id + " in " + state.name()
                    + " cannot be read; it is removed and that conversation starts afresh");
            delete(id);
            return Optional.empty();
        }
        return Optional.of(stored);
    }

    @Override
    public void put(Stored conversation) throws IOException {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField("id", PREFIX + conversation.id());
        doc.setField("kind", KIND);
        doc.setField("body", Json.write(conversation));
        doc.setField("last_used", conversation.lastUsed().toEpochMilli());
        doc.setField("size", conversation.size());
        // The write replaces the whole document by id, so it may be sent again. A node killed a moment ago is still
        // live in ZooKeeper until its session expires (seconds): meanwhile the leader's forward to that node's replica
        // fails and the update is refused, though a later try, once the replica is marked down, goes through.
        long pause = 250;
        for (int attempt = 1;; attempt++) {
            try {
                new UpdateRequest().add(doc).process(state.client(), state.name());
                return;
            } catch (SolrServerException | IOException | SolrException e) {
                int code = StateCollection.status(e);
                if (attempt >= PUT_ATTEMPTS || (code >= 400 && code < 500)) {
                    throw state.unavailable("keeping a conversation", e);
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendUnavailableException("interrupted while keeping a conversation", e);
            }
            pause = Math.min(pause * 2, 4_000);
        }
    }

    /** Tries of one conversation's write: pauses of 0.25, 0.5, 1, 2, 4 and 4 s, about 12 s, a session's expiry. */
    private static final int PUT_ATTEMPTS = 7;

    @Override
    public boolean delete(String id) throws IOException {
        boolean had = state.get(PREFIX + id) != null;
        try {
            new UpdateRequest().deleteById(PREFIX + id).process(state.client(), state.name());
        } catch (SolrServerException | IOException | SolrException e) {
            throw state.unavailable("removing a conversation", e);
        }
        return had;
    }

    @Override
    public int prune(Instant idleBefore, int maxCount, long maxSize, String keep) throws IOException {
        Totals totals = totals();
        long count = totals.count();
        long size = totals.size();
        String kept = keep == null ? null : PREFIX + keep;
        List<String> gone = new ArrayList<>();
        SolrQuery query = new SolrQuery(ALL).setFields("id", "size", "last_used").setRows(PAGE)
                .addSort("last_used", SolrQuery.ORDER.asc).addSort("id", SolrQuery.ORDER.asc);
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        outer : while (true) {
            query.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse page = query(query, "pruning conversations");
            for (SolrDocument doc : page.getResults()) {
                String id = String.valueOf(doc.getFieldValue("id"));
                long lastUsed = ((Number) doc.getFieldValue("last_used")).longValue();
                boolean idle = Instant.ofEpochMilli(lastUsed).isBefore(idleBefore);
                boolean over = count > maxCount || size > maxSize;
                if (id.equals(kept)) {
                    continue;
                }
                if (!idle && !over) {
                    break outer;
                }
                gone.add(id);
                count--;
                size -= ((Number) doc.getFieldValue("size")).longValue();
            }
            String next = page.getNextCursorMark();
            if (next == null || next.equals(cursor)) {
                break;
            }
            cursor = next;
        }
        if (!gone.isEmpty()) {
            try {
                // A soft commit, so that the next count (and prune) does not see them: prunes are rare.
                new UpdateRequest().deleteById(gone).setAction(AbstractUpdateRequest.ACTION.COMMIT, false, true, true)
                        .process(state.client(), state.name());
            } catch (SolrServerException | IOException | SolrException e) {
                throw state.unavailable("pruning conversations", e);
            }
        }
        return gone.size();
    }

    @Override
    public int count() {
        try {
            return (int) totals().count();
        } catch (BackendUnavailableException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long size() {
        try {
            return totals().size();
        } catch (BackendUnavailableException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Totals(long count, long size) {
    }

    /** How many conversations, and their characters, in one search. */
    private Totals totals() throws BackendUnavailableException {
        SolrQuery query = new SolrQuery(ALL).setRows(0);
        query.setGetFieldStatistics("size");
        QueryResponse response = query(query, "counting conversations");
        long count = response.getResults().getNumFound();
        FieldStatsInfo stats = response.getFieldStatsInfo() == null ? null : response.getFieldStatsInfo().get("size");
        long size = stats == null || !(stats.getSum() instanceof Number n) ? 0 : n.longValue();
        return new Totals(count, size);
    }

    private QueryResponse query(SolrQuery query, String doing) throws BackendUnavailableException {
        try {
            return state.client().query(state.name(), query);
        } catch (SolrServerException | IOException | SolrException e) {
            throw state.unavailable(doing, e);
        }
    }
}
