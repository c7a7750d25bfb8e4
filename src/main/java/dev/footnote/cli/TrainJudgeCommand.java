package dev.footnote.cli;

import dev.footnote.answer.SupportJudge;
import dev.footnote.eval.SupportJudgeTraining;
import dev.footnote.eval.SupportPairs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains the support judge that checks a language model's sentences against the passages they cite, prints its
 * false acceptances and rejections on held-back pairs, per kind of pair, with and without each hard rule, and
 * writes the model for the jar. The work is {@link SupportJudgeTraining}'s; this command reads options and prints.
 */
@Command(name = "train-judge", mixinStandardHelpOptions = true, description = "Trains the support judge on pairs made from SQuAD and SciFact train text; prints its figures on held-back articles and writes its weights.")
final class TrainJudgeCommand implements Callable<Integer> {

    @Option(names = "--squad", paramLabel = "DIR", description = "The SQuAD v1.1 set (articles/ inside; default: ${DEFAULT-VALUE}).")
    Path squad = Path.of("../shared/bench/squad-v1.1");

    @Option(names = "--scifact", paramLabel = "DIR", description = "The SciFact set (articles/, questions-train.jsonl; default: ${DEFAULT-VALUE}).")
    Path scifact = Path.of("../shared/bench/scifact");

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the split, the pairs and the training (default: ${DEFAULT-VALUE}).")
    long seed = 13;

    @Option(names = "--split-seed", paramLabel = "N", description = "Seed of SQuAD's split by article; only the train half is used (default: ${DEFAULT-VALUE}).")
    long splitSeed = 13;

    @Option(names = "--holdout", paramLabel = "SHARE", description = "Share of articles held back for the figures (default: ${DEFAULT-VALUE}).")
    double holdout = 0.25;

    @Option(names = "--precision", paramLabel = "P", description = "Share of accepted training pairs that must be supported; sets the threshold (default: ${DEFAULT-VALUE}).")
    double precision = 0.98;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes of SGD over the training pairs (default: ${DEFAULT-VALUE}).")
    int epochs = 10;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the model (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("src/main/resources/dev/footnote/answer/support-judge.json");

    @Override
    public Integer call() throws Exception {
        if (holdout <= 0 || holdout >= 1 || precision <= 0 || precision > 1 || epochs < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--holdout must be in (0, 1), --precision in (0, 1], --epochs at least 1");
        }
        if (!Files.isDirectory(squad.resolve("articles")) || !Files.isRegularFile(squad.resolve("questions.jsonl"))
                || !Files.isRegularFile(scifact.resolve("questions-train.jsonl"))) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--squad must hold "
                    + "articles/, questions.jsonl and --scifact questions-train.jsonl and articles/ (" + squad + ", "
                    + scifact + ")");
        }
        SupportJudgeTraining.Result r = new SupportJudgeTraining(
                new SupportJudgeTraining.Settings(squad, scifact, seed, splitSeed, holdout, precision, epochs),
                Main::log).run();
        System.out.printf(Locale.ROOT, "articles: %d training, %d held back; pairs: %d training, %d held back%n",
                r.trainArticles(), r.heldArticles(), r.trainPairs(), r.heldPairs());
        System.out.printf(Locale.ROOT, "threshold %.3f (training precision %.3f)%n", r.model().threshold(),
                r.model().precision());
        System.out.println();
        System.out.println("| held-back pairs | n | accepted | rate |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<SupportPairs.Kind, int[]> e : r.report().byKind().entrySet()) {
            int[] n = e.getValue();
            String what = e.getKey().supported() ? "falsely rejected" : "falsely accepted";
            double rate = n[0] == 0
                    ? Double.NaN
                    : e.getKey().supported() ? 1 - (double) n[1] / n[0] : (double) n[1] / n[0];
            System.out.printf(Locale.ROOT, "| %s (%s) | %d | %d | %.3f |%n", e.getKey().label(), what, n[0], n[1],
                    rate);
        }
        System.out.printf(Locale.ROOT, "%nfalse acceptance %.3f, false rejection %.3f, Brier score %.3f%n",
                r.report().falseAcceptance(), r.report().falseRejection(), r.report().brier());
        System.out.println();
        System.out.println("| hard rules | threshold | false acceptance | false rejection | swapped accepted |");
        System.out.println("|---|---|---|---|---|");
        for (SupportJudgeTraining.Ablation a : r.ablations()) {
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", a.rules(), a.threshold(),
                    a.falseAcceptance(), a.falseRejection(), a.acceptedByKind().get(SupportPairs.Kind.SWAPPED));
        }
        System.out.printf(Locale.ROOT, "%njudging one sentence: median %.1f us; analysing its passage: median %.1f us "
                + "(%d calls each)%n", r.cost().judgeMicros(), r.cost().passageMicros(), r.cost().calls());
        Files.writeString(out, SupportJudge.write(r.model()), StandardCharsets.UTF_8);
        Main.log("model written to " + out);
        return 0;
    }
}
