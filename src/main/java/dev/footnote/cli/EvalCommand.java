package dev.footnote.cli;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.answer.ShortAnswer;
import dev.footnote.conversation.ConversationSettings;
import dev.footnote.eval.ConversationCase;
import dev.footnote.eval.ConversationEvaluator;
import dev.footnote.eval.ConversationReport;
import dev.footnote.eval.ConversationSet;
import dev.footnote.eval.EvalReport;
import dev.footnote.eval.Evaluator;
import dev.footnote.eval.GoldMapping;
import dev.footnote.eval.Question;
import dev.footnote.eval.QuestionSet;
import dev.footnote.eval.QuestionSplit;
import dev.footnote.json.Json;
import dev.footnote.retrieve.Retriever;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "Runs a questions.jsonl set and prints retrieval, citation and refusal figures, or a follow-up set and its rewrite and answer figures.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    CollectionOptions collection;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--questions", paramLabel = "FILE", description = "A questions.jsonl file.")
    Path questions;

    @Option(names = "--conversations", paramLabel = "FILE", description = "A follow-up set (eval/conversations.jsonl): each conversation's turns asked in order, the searched query and the answer judged.")
    Path conversations;

    @Option(names = "--json", arity = "0..1", fallbackValue = "true", description = "Print the figures as one line of JSON.")
    boolean json;

    @Option(names = "--top-k", paramLabel = "N", description = "Passages the answerer reads (default: ${DEFAULT-VALUE}).")
    int topK = Config.DEFAULTS.limits().defaultTopK();

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N questions.")
    Integer limit;

    @Option(names = "--fusion", paramLabel = "minmax|rrf", description = "How hybrid retrieval fuses its two rankings (default: minmax).")
    Retriever.Fusion fusion;

    @Option(names = "--bm25-weight", paramLabel = "W", description = "Weight of BM25 in min-max fusion, 0..1.")
    Double bm25Weight;

    @Option(names = "--heading-weight", paramLabel = "W", description = "Weight of a heading's similarity in a passage's vector score.")
    Double headingWeight;

    @Option(names = "--article-weight", paramLabel = "W", description = "Weight of the whole article's similarity in a passage's vector score (default 0.25; 0 leaves it out).")
    Double articleWeight;

    @Option(names = "--misses", arity = "0..1", fallbackValue = "true", description = "Print each question answered wrongly to standard error.")
    boolean misses;

    @Option(names = "--documents", arity = "0..1", fallbackValue = "true", description = "Judge retrieval at file level for every question.")
    boolean documents;

    @Option(names = "--gold-from", paramLabel = "DIR", description = "The set's gold places name files of DIR, the text version of this collection: judge the same articles as HTML, PDF or Word files by moving each gold place to the lines that hold its text.")
    Path goldFrom;

    @Option(names = "--split", paramLabel = "train|report", description = "Only one half of the set, split by article (QuestionSplit): the train half, which rules may be tuned on, or the reported half.")
    QuestionSplit.Half split;

    @Option(names = "--split-seed", paramLabel = "N", description = "Seed of the split by article (default: ${DEFAULT-VALUE}).")
    long splitSeed = 13;

    @Option(names = "--short-answer-questions", arity = "0..1", fallbackValue = "true", description = "Only the questions that ask for a short answer (a person, place, organisation, number, date or duration).")
    boolean shortAnswerQuestions;

    @Override
    public Integer call() throws Exception {
        if ((questions == null) == (conversations == null)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "give either --questions FILE or --conversations FILE");
        }
        if (conversations != null) {
            return conversations();
        }
        List<Question> set = QuestionSet.read(questions);
        if (split != null) {
            set = new QuestionSplit(splitSeed).half(set, split);
        }
        if (shortAnswerQuestions) {
            set = set.stream().filter(q -> ShortAnswer.kind(q.question()) != null).toList();
        }
        if (limit != null && limit < set.size()) {
            set = set.subList(0, limit);
        }
        Retriever.Settings d = Retriever.Settings.DEFAULT;
        Retriever.Settings settings = new Retriever.Settings(d.headingBoost(),
                headingWeight == null ? d.headingWeight() : headingWeight, fusion == null ? d.fusion() : fusion,
                bm25Weight == null ? d.bm25Weight() : bm25Weight, d.candidates(),
                articleWeight == null ? d.articleWeight() : articleWeight);
        try (Footnote footnote = Footnote
                .open(collection.config().withRetriever(settings).withModel(modelOptions.settings()).withConversations(
                        Config.DEFAULTS.conversations().withStore(ConversationSettings.MEMORY)), Main::log)) {
            var report = footnote.sync();
            if (report != null && report.changedAnything()) {
                Main.log(report.summary());
            }
            if (goldFrom != null) {
                set = new GoldMapping(goldFrom, footnote.index().indexedFiles().keySet(), footnote::article,
                        Main::log).map(set);
            }
            EvalReport r = new Evaluator(footnote.service(), topK, documents, Main::log, misses ? Main::log : m -> {},
                    footnote.index().indexedFiles().keySet()).run(set);
            if (json) {
                System.out.println(Json.write(r));
            } else {
                System.out.printf("questions          %d%n", r.questions());
                print("recall@1", r.recallAt1());
                print("recall@5", r.recallAt5());
                print("recall@10", r.recallAt10());
                print("mrr@10", r.mrrAt10());
                print("ndcg@10", r.ndcgAt10());
                print("citation_accuracy", r.citationAccuracy());
                print("answer_match", r.answerMatch());
                if (r.citationsOnGold() != null) {
                    print("citations_on_gold", r.citationsOnGold());
                }
                print("refusal_accuracy", r.refusalAccuracy());
                print("false_refusals", r.falseRefusals());
                System.out.printf("latency_ms p50     %.2f%n", r.latencyMsP50());
                System.out.printf("latency_ms p95     %.2f%n", r.latencyMsP95());
                printByGate(r);
                if (r.shortAnswers() > 0) {
                    System.out.printf("short_answers      %d%n", r.shortAnswers());
                    print("short_answer_em", r.shortAnswerExactMatch());
                    print("short_answer_f1", r.shortAnswerF1());
                }
                r.refusalsByPerturbation().forEach((k, v) -> print("refused " + k, v));
            }
            return 0;
        }
    }

    private int conversations() throws Exception {
        List<ConversationCase> set = ConversationSet.read(conversations);
        if (limit != null && limit < set.size()) {
            set = set.subList(0, limit);
        }
        try (Footnote footnote = Footnote.open(collection.config().withModel(modelOptions.settings()).withConversations(
                Config.DEFAULTS.conversations().withStore(ConversationSettings.MEMORY)), Main::log)) {
            var report = footnote.sync();
            if (report != null && report.changedAnything()) {
                Main.log(report.summary());
            }
            ConversationReport r = new ConversationEvaluator(footnote.service(), topK, misses ? Main::log : m -> {})
                    .run(set);
            if (json) {
                System.out.println(Json.write(r));
            } else {
                System.out.printf("conversations        %d%n", r.conversations());
                System.out.printf("follow_ups           %d%n", r.followUps());
                printWide("rewrite_accuracy", r.rewriteAccuracy());
                printWide("answer_accuracy", r.answerAccuracy());
                printWide("answer_match", r.answerMatch());
                printWide("first_turn_accuracy", r.firstTurnAccuracy());
            }
            return 0;
        }
    }

    /** Each gate's refusals, and how many of them were answerable questions (its false refusals). */
    private static void printByGate(EvalReport r) {
        if (r.refusalsByGate().isEmpty()) {
            return;
        }
        System.out.printf("%nrefused by gate          refused  answerable%n");
        r.refusalsByGate().forEach((gate, n) -> System.out.printf("  %-22s %7d  %10d%n", gate, n.refused(),
                n.answerable()));
    }

    private static void printWide(String name, Double value) {
        System.out.printf("%-20s %s%n", name, value == null ? "n/a" : String.format("%.4f", value));
    }

    private static void print(String name, Double value) {
        System.out.printf("%-18s %s%n", name, value == null ? "n/a" : String.format("%.4f", value));
    }
}
