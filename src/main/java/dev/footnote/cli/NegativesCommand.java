package dev.footnote.cli;

import dev.footnote.eval.Negatives;
import dev.footnote.eval.Question;
import dev.footnote.eval.QuestionSet;
import dev.footnote.eval.QuestionSplit;
import dev.footnote.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "negatives", mixinStandardHelpOptions = true, description = "Makes unanswerable questions from the answerable ones of a questions.jsonl set (a name, number or year swapped, a negation, an added time, the article left out) and prints them in the same format.")
final class NegativesCommand implements Callable<Integer> {

    @Option(names = "--questions", required = true, paramLabel = "FILE", description = "The questions.jsonl set to make them from.")
    Path questions;

    @Option(names = "--articles", required = true, paramLabel = "DIR", description = "The set's articles, to check that what is put in is not in the question's article.")
    Path articles;

    @Option(names = "--split", paramLabel = "train|report", description = "Make them from one half of the set, split by article as eval --split splits it.")
    QuestionSplit.Half split;

    @Option(names = "--split-seed", paramLabel = "N", description = "Seed of the split by article (default: ${DEFAULT-VALUE}).")
    long splitSeed = 13;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the choices of questions and replacements (default: ${DEFAULT-VALUE}).")
    long seed = 13;

    @Option(names = "--per-kind", paramLabel = "N", description = "Questions of each perturbation (default: ${DEFAULT-VALUE}).")
    int perKind = 200;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write them (default: standard output).")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<Question> set = QuestionSet.read(questions);
        if (split != null) {
            set = new QuestionSplit(splitSeed).half(set, split);
        }
        if (perKind < 1) {
            System.err.println("error: --per-kind must be at least 1, not " + perKind);
            return 2;
        }
        List<Question> made = new Negatives(seed, perKind).make(set, articles);
        StringBuilder lines = new StringBuilder();
        for (Question q : made) {
            lines.append(Json.write(q)).append('\n');
        }
        if (out == null) {
            PrintStream stdout = System.out;
            stdout.print(lines);
        } else {
            Files.writeString(out, lines, StandardCharsets.UTF_8);
            Main.log("wrote " + made.size() + " questions to " + out);
        }
        return 0;
    }
}
