package dev.footnote.cli;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.conversation.ConversationSettings;
import dev.footnote.eval.AnswererTraining;
import dev.footnote.eval.Negatives;
import dev.footnote.eval.Question;
import dev.footnote.eval.QuestionSet;
import dev.footnote.eval.QuestionSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains the extractive answerer's answerability score on public questions only: the train half of SQuAD v1.1
 * (split by article, as {@code eval --split} splits it), unanswerable questions made from that half as
 * {@code footnote negatives} makes them, and SciFact train. Each set is asked of its own index, which this
 * command opens (and builds, when missing) like {@code eval}. Prints the figures on the training questions and
 * writes the score for the jar. The work is {@link AnswererTraining}'s.
 */
@Command(name = "train-answerer", mixinStandardHelpOptions = true, description = "Trains the extractive answerer's answerability score on SQuAD's train half, unanswerable questions made from it and SciFact train; prints its figures and writes its weights.")
final class TrainAnswererCommand implements Callable<Integer> {

    @Option(names = "--squad", paramLabel = "DIR", description = "The SQuAD v1.1 set (articles/, questions.jsonl; default: ${DEFAULT-VALUE}).")
    Path squad = Path.of("../shared/bench/squad-v1.1");

    @Option(names = "--squad-index", paramLabel = "DIR", required = true, description = "The index of SQuAD's articles (built there when missing).")
    Path squadIndex;

    @Option(names = "--scifact", paramLabel = "DIR", description = "The SciFact set (articles/, questions-train.jsonl; default: ${DEFAULT-VALUE}).")
    Path scifact = Path.of("../shared/bench/scifact");

    @Option(names = "--scifact-index", paramLabel = "DIR", description = "The index of SciFact's articles (built there when missing); without it SciFact is left out.")
    Path scifactIndex;

    @Option(names = "--split-seed", paramLabel = "N", description = "Seed of SQuAD's split by article (default: ${DEFAULT-VALUE}).")
    long splitSeed = 13;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the unanswerable questions and the training (default: ${DEFAULT-VALUE}).")
    long seed = 13;

    @Option(names = "--per-kind", paramLabel = "N", description = "Unanswerable questions of each kind made from the train half (default: ${DEFAULT-VALUE}).")
    int perKind = 400;

    @Option(names = "--precision", paramLabel = "P", description = "Share of answered training questions that must be answered right; sets the threshold (default: ${DEFAULT-VALUE}).")
    double precision = 0.76;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes of SGD over the candidates (default: ${DEFAULT-VALUE}).")
    int epochs = 10;

    @Option(names = "--top-k", paramLabel = "K", description = "Passages an answer looks at, as eval asks (default: ${DEFAULT-VALUE}).")
    int topK = 5;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the score (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("src/main/resources/dev/footnote/answer/answer-score.json");

    @Option(names = "--candidates-out", paramLabel = "FILE", description = "Also write every candidate's features and label there, as tab-separated values.")
    Path candidatesOut;

    @Override
    public Integer call() throws Exception {
        if (precision <= 0 || precision > 1 || epochs < 1 || perKind < 0 || topK < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--precision must be in (0, 1], --epochs and --top-k at least 1, --per-kind at least 0");
        }
        Path squadQuestions = squad.resolve("questions.jsonl");
        if (!Files.isDirectory(squad.resolve("articles")) || !Files.isRegularFile(squadQuestions)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--squad must hold articles/ and questions.jsonl (" + squad + ")");
        }
        if (scifactIndex != null && !Files.isRegularFile(scifact.resolve("questions-train.jsonl"))) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--scifact must hold articles/ and questions-train.jsonl (" + scifact + ")");
        }
        List<Question> half = new QuestionSplit(splitSeed).half(QuestionSet.read(squadQuestions),
                QuestionSplit.Half.TRAIN);
        Path articles = squad.resolve("articles");
        List<Question> negatives = new Negatives(seed, perKind).make(half, articles);
        AnswererTraining training = new AnswererTraining(
                new AnswererTraining.Settings(topK, 10, seed, epochs, precision, candidatesOut), Main::log);
        try (Footnote squadIx = open(articles, squadIndex);
                Footnote scifactIx = scifactIndex == null ? null : open(scifact.resolve("articles"), scifactIndex)) {
            List<AnswererTraining.Source> sources = new ArrayList<>();
            sources.add(source("squad_train_half", squadIx, half));
            sources.add(source("squad_train_negatives", squadIx, negatives));
            if (scifactIx != null) {
                sources.add(
                        source("scifact_train", scifactIx, QuestionSet.read(scifact.resolve("questions-train.jsonl"))));
            }
            AnswererTraining.Result r = training.run(sources);
            System.out.printf(Locale.ROOT, "questions %d, candidates %d (each also without vectors)%n", r.questions(),
                    r.rows());
            System.out.printf(Locale.ROOT, "threshold %.3f (training precision %.3f)%n%n", r.score().threshold(),
                    r.score().precision());
            System.out.println("| training questions | answerable | first right, by rules | first right, by score "
                    + "| citation accuracy | false refusals | unanswerable | refused |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            r.figures().forEach((name, f) -> System.out.printf(Locale.ROOT,
                    "| %s | %d | %.3f | %.3f | %.3f | %.3f | %d | %.3f |%n", name, f.answerable(), f.ranked(),
                    f.rankedByScore(), f.citationAccuracy(), f.falseRefusals(), f.unanswerable(), f.refused()));
            System.out.println();
            System.out.println(
                    "| stated precision | threshold | citation accuracy | false refusals | unanswerable refused "
                            + "| swapped entity refused |");
            System.out.println("|---|---|---|---|---|---|");
            for (AnswererTraining.Tradeoff t : r.tradeoffs()) {
                System.out.printf(Locale.ROOT, "| %.2f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", t.precision(),
                        t.threshold(), t.answerable().citationAccuracy(), t.answerable().falseRefusals(),
                        t.unanswerable().refused(), t.swapped().refused());
            }
            System.out.println();
            for (int i = 0; i < r.score().features().size(); i++) {
                System.out.printf(Locale.ROOT, "  %-20s %8.3f%n", r.score().features().get(i),
                        r.score().weights().get(i));
            }
            System.out.printf(Locale.ROOT, "  %-20s %8.3f%n", "bias", r.score().bias());
            Files.writeString(out, r.score().write(), StandardCharsets.UTF_8);
            Main.log("score written to " + out);
        }
        return 0;
    }

    private static AnswererTraining.Source source(String name, Footnote f, List<Question> questions)
            throws IOException {
        return new AnswererTraining.Source(name, f.service().retriever(), f.index().indexedFiles().keySet(), questions);
    }

    private static Footnote open(Path articles, Path index) throws IOException {
        Footnote f = Footnote.open(Config.of(articles, index).withConversations(
                Config.DEFAULTS.conversations().withStore(ConversationSettings.MEMORY)), Main::log);
        var report = f.sync();
        if (report != null && report.changedAnything()) {
            Main.log(report.summary());
        }
        return f;
    }
}
