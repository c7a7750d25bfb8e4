package dev.footnote.answer;

import dev.footnote.index.Retriever;
import dev.footnote.index.SearchHit;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

/** One question, end to end: retrieve, draft, check, and time each stage. */
public final class AskService {

    public static final int DEFAULT_TOP_K = 5;

    private final Retriever retriever;
    private final Answerer answerer;
    private final CitationChecker checker;

    public AskService(Retriever retriever, Answerer answerer, CitationChecker checker) {
        this.retriever = retriever;
        this.answerer = answerer;
        this.checker = checker;
    }

    /** An answer, and the passages retrieved for it (at least {@code depth} deep, for evaluation). */
    public record Result(Answer answer, List<SearchHit> hits, int droppedCitations) {
    }

    public Answer ask(String question, int topK, String conversationId) throws IOException {
        return ask(question, topK, topK, conversationId).answer();
    }

    public Result ask(String question, int topK, int depth, String conversationId) throws IOException {
        long t0 = System.nanoTime();
        List<SearchHit> hits = retriever.search(question, Math.max(topK, depth));
        long t1 = System.nanoTime();
        Draft draft = answerer.draft(question, hits.subList(0, Math.min(topK, hits.size())));
        CitationChecker.Checked checked = checker.check(draft);
        long t2 = System.nanoTime();
        String id = conversationId == null || conversationId.isBlank() ? UUID.randomUUID().toString() : conversationId;
        Timings timings = new Timings(ms(t1 - t0), ms(t2 - t1), ms(t2 - t0));
        Answer answer = new Answer(checked.answer(), checked.answered(), checked.citations(), id, draft.model(), timings);
        return new Result(answer, hits, checked.dropped());
    }

    public Retriever retriever() {
        return retriever;
    }

    public String model() {
        return answerer.name();
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
