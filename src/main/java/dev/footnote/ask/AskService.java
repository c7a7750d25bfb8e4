package dev.footnote.ask;

import dev.footnote.answer.Answer;
import dev.footnote.answer.Answerer;
import dev.footnote.answer.CitationChecker;
import dev.footnote.answer.CitedTextChecker;
import dev.footnote.answer.Draft;
import dev.footnote.answer.Fallback;
import dev.footnote.answer.Gate;
import dev.footnote.answer.PromptPassages;
import dev.footnote.answer.Refusal;
import dev.footnote.answer.ShortAnswer;
import dev.footnote.answer.Timings;
import dev.footnote.conversation.Conversations;
import dev.footnote.conversation.QuestionRewriter;
import dev.footnote.conversation.Turn;
import dev.footnote.model.LanguageModel;
import dev.footnote.model.ModelException;
import dev.footnote.model.Prompts;
import dev.footnote.retrieve.RetrievalResult;
import dev.footnote.retrieve.Retriever;
import dev.footnote.retrieve.SearchHit;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One question, end to end: make a follow-up standalone, retrieve, answer (extractively or with the language
 * model), check, and time each stage. Conversations keep their last turns here.
 */
public final class AskService {

    private static final Logger LOG = LoggerFactory.getLogger(AskService.class);

    /**
     * Where a streamed answer goes. {@link #text} gets checked segments in order, and joined they are the
     * answer's text; {@link #heartbeat} is called while the model writes but no segment is ready, and every
     * {@link LanguageModel#QUIET_CHECK} while the model is silent, so a reader that has left is noticed (by its
     * {@link IOException}) and the generation stopped.
     */
    public interface AnswerStream {
        void text(String segment) throws IOException;

        default void heartbeat() throws IOException {
        }

        /** The text sent so far no longer stands: the model failed part-way and the extractive answer follows. */
        default void restart(Fallback why) throws IOException {
        }
    }

    private final Retriever retriever;
    private final Answerer answerer;
    private final CitationChecker checker;
    private final LanguageModel model;
    private final Prompts prompts;
    private final boolean fallback;
    private final Conversations conversations;
    private final QuestionRewriter rewriter;
    private final Limits limits;
    private volatile java.util.function.Consumer<Answer> observer = answer -> {};

    /** The extractive answerer alone. */
    public AskService(Retriever retriever, Answerer answerer, CitationChecker checker) {
        this(retriever, answerer, checker, null, null, false, new Conversations(), Limits.DEFAULTS);
    }

    /**
     * @param model    the language model that answers, or {@code null} for {@code answerer} alone
     * @param prompts  the templates for {@code model}
     * @param fallback when the model fails, answer with {@code answerer} (and say so) instead of failing
     * @param limits   the bounds on a question, which every channel checks with {@link #limits()}
     */
    public AskService(Retriever retriever, Answerer answerer, CitationChecker checker, LanguageModel model,
            Prompts prompts, boolean fallback, Conversations conversations, Limits limits) {
        if (model != null && prompts == null) {
            throw new IllegalArgumentException("a language model needs its prompts");
        }
        this.retriever = retriever;
        this.answerer = answerer;
        this.checker = checker;
        this.model = model;
        this.prompts = prompts;
        this.fallback = fallback;
        this.conversations = conversations;
        this.limits = limits;
        this.rewriter = new QuestionRewriter(model, prompts, limits.maxQuestionChars());
    }

    public Limits limits() {
        return limits;
    }

    /** An answer, and the passages retrieved for it (at least {@code depth} deep, for evaluation). */
    public record Result(Answer answer, List<SearchHit> hits, int droppedCitations) {
    }

    public Answer ask(String question, int topK, String conversationId) throws IOException {
        return ask(question, topK, topK, conversationId).answer();
    }

    public Result ask(String question, int topK, int depth, String conversationId) throws IOException {
        return ask(question, topK, depth, conversationId, null);
    }

    /**
     * Answers within a conversation: its remembered turns make a follow-up standalone, and this turn is
     * remembered in turn. With a {@code stream}, the text goes there as it is checked.
     *
     * @throws ModelException when the model fails and there is no fallback
     */
    public Result ask(String question, int topK, int depth, String conversationId, AnswerStream stream)
            throws IOException {
        return ask(Request.of(question, topK).withDepth(depth).withConversation(conversationId), stream);
    }

    /**
     * What one asking brings beyond the question: the reader's own edit of what a follow-up is searched as
     * ({@code searchQuery}, searched instead of rewriting the question), the only articles to search
     * ({@code files}, empty for all), how many passages to answer from and how deep to retrieve.
     */
    public record Request(String question, String searchQuery, Set<String> files, int topK, int depth,
            String conversationId) {
        public Request {
            files = Set.copyOf(files);
        }

        public static Request of(String question, int topK) {
            return new Request(question, null, Set.of(), topK, topK, null);
        }

        public Request withSearchQuery(String searchQuery) {
            return new Request(question, searchQuery, files, topK, depth, conversationId);
        }

        public Request withFiles(Set<String> files) {
            return new Request(question, searchQuery, files, topK, depth, conversationId);
        }

        public Request withDepth(int depth) {
            return new Request(question, searchQuery, files, topK, depth, conversationId);
        }

        public Request withConversation(String conversationId) {
            return new Request(question, searchQuery, files, topK, depth, conversationId);
        }
    }

    /** As {@link #ask(String, int, int, String, AnswerStream)}, for a whole {@link Request}. */
    public Result ask(Request request, AnswerStream stream) throws IOException {
        String conversationId = request.conversationId();
        Conversations.Lookup lookup = conversations.lookup(conversationId);
        String id = conversationId == null || conversationId.isBlank() ? UUID.randomUUID().toString() : conversationId;
        Result result = answer(request.question(), request.searchQuery(), lookup.turns(), id, lookup.status(),
                request.topK(), request.depth(), stream, request.files());
        conversations.add(id, new Turn(request.question(), result.answer().searchQuery(), result.answer().answer()));
        return result;
    }

    /** Answers a client that sends the whole conversation each time (OpenAI's chat format); nothing is kept. */
    public Result askWithHistory(String question, List<Turn> history, int topK, AnswerStream stream)
            throws IOException {
        return answer(question, null, history, null, null, topK, topK, stream, Set.of());
    }

    private Result answer(String question, String searchQuery, List<Turn> history, String id, String status, int topK,
            int depth, AnswerStream stream, Set<String> files) throws IOException {
        long t0 = System.nanoTime();
        Fallback failed = null;
        String query;
        if (searchQuery != null) {
            query = searchQuery;
        } else {
            try {
                query = rewriter.rewrite(question, history);
            } catch (ModelException e) {
                failed = fallBack(e);
                query = rewriter.byRule(question, history);
            }
        }
        long t1 = System.nanoTime();
        RetrievalResult retrieved = retriever.retrieve(query, Math.max(topK, depth), files);
        List<SearchHit> hits = retrieved.hits();
        RetrievalResult top = retrieved.top(topK);
        long t2 = System.nanoTime();
        CitationChecker.Checked checked = null;
        String name = answerer.name();
        if (model != null && failed == null) {
            Counting counting = stream == null ? null : new Counting(stream);
            try {
                checked = byModel(query, top.hits(), counting);
                name = model.label();
            } catch (ModelException e) {
                failed = fallBack(e);
                if (counting != null && counting.sent) {
                    stream.restart(failed);
                }
            }
        }
        boolean extractive = checked == null;
        Double confidence = null;
        if (checked == null) {
            Draft draft = answerer.draft(query, top);
            confidence = draft.confidence();
            checked = checker.check(draft);
            if (stream != null) {
                stream.text(checked.answer());
            }
        }
        checked = checker.located(checker.titled(checked));
        long t3 = System.nanoTime();
        Timings timings = new Timings(ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0));
        // The kind of answer is read from a question: a follow-up's standalone form, but the reader's own question
        // when they edited the search into keywords.
        String asked = searchQuery == null ? query : question;
        ShortAnswer.Given shortAnswer = extractive && checked.answered()
                ? ShortAnswer.given(asked, checked.sentences())
                : null;
        Answer answer = new Answer(checked.answer(), checked.answered(), checked.citations(), checked.sentences(),
                checked.dropped(), id, query, name, failed, timings, status, checked.refusal(),
                shortAnswer == null ? null : shortAnswer.text(), confidence,
                shortAnswer == null ? null : shortAnswer.citation());
        observer.accept(answer);
        return new Result(answer, hits, checked.dropped());
    }

    /** Tells {@code observer} of every answer given, whichever channel asked (metrics count them). */
    public void observe(java.util.function.Consumer<Answer> observer) {
        this.observer = java.util.Objects.requireNonNull(observer);
    }

    /** The fallback's note, or the failure itself when there is no fallback. */
    private Fallback fallBack(ModelException e) {
        if (!fallback) {
            throw e;
        }
        LOG.warn("{} failed ({}: {}); answering extractively instead", model.label(), e.code(), e.getMessage());
        return new Fallback(model.label(), e.code(), e.getMessage());
    }

    private CitationChecker.Checked byModel(String query, List<SearchHit> top, AnswerStream stream) throws IOException {
        if (top.isEmpty()) {
            // Nothing retrieved: there is nothing the model could cite.
            CitationChecker.Checked refusal = checker.refusal(List.of())
                    .refusedFor(new Refusal(Gate.NoPassages.NAME, Gate.NoPassages.DETAIL));
            if (stream != null) {
                stream.text(refusal.answer());
            }
            return refusal;
        }
        CitedTextChecker text = new CitedTextChecker(query, top, checker);
        var messages = prompts.answer(query, PromptPassages.of(top));
        if (stream == null) {
            text.append(model.complete(messages));
            return text.finish().checked();
        }
        model.stream(messages, new LanguageModel.Pieces() {
            @Override
            public void piece(String piece) throws IOException {
                List<String> ready = text.append(piece);
                if (ready.isEmpty()) {
                    stream.heartbeat();
                }
                for (String segment : ready) {
                    stream.text(segment);
                }
            }

            @Override
            public void quiet() throws IOException {
                stream.heartbeat();
            }
        });
        CitedTextChecker.Outcome outcome = text.finish();
        for (String segment : outcome.segments()) {
            stream.text(segment);
        }
        return outcome.checked();
    }

    /** Remembers whether any text went out, so a fallback knows to tell the reader to start over. */
    private static final class Counting implements AnswerStream {
        private final AnswerStream target;
        private boolean sent;

        Counting(AnswerStream target) {
            this.target = target;
        }

        @Override
        public void text(String segment) throws IOException {
            sent = true;
            target.text(segment);
        }

        @Override
        public void heartbeat() throws IOException {
            target.heartbeat();
        }
    }

    public Retriever retriever() {
        return retriever;
    }

    /** The name answers carry as {@code model}. */
    public String model() {
        return model == null ? answerer.name() : model.label();
    }

    public Conversations conversations() {
        return conversations;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
