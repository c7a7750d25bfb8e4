package dev.footnote.cli;

import dev.footnote.Footnote;
import dev.footnote.retrieve.Retriever;
import dev.footnote.answer.Answer;
import dev.footnote.ask.AskService;
import dev.footnote.answer.Citation;
import dev.footnote.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Answers one question from the articles (indexing first if needed).")
final class AskCommand implements Callable<Integer> {

    @Mixin
    CollectionOptions collection;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--json", description = "Print the answer object as one line of JSON.")
    boolean json;

    @Option(names = "--top-k", paramLabel = "N", defaultValue = "5", description = "Passages to answer from (1-50).")
    int topK;

    @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "The question.")
    String[] words;

    @Override
    public Integer call() throws Exception {
        String question = String.join(" ", words).strip();
        if (question.isEmpty() || question.length() > 2000) {
            System.err.println("error: the question must be 1 to 2000 characters");
            return 2;
        }
        if (topK < 1 || topK > 50) {
            System.err.println("error: --top-k must be between 1 and 50");
            return 2;
        }
        try (Footnote footnote = Footnote.open(collection.articles, collection.index, collection.retrieval,
                Retriever.Settings.DEFAULT, modelOptions.settings(), Main::log)) {
            var report = footnote.sync();
            if (report != null && report.changedAnything()) {
                Main.log(report.summary());
            }
            Answer answer = footnote.service().ask(question, topK, null);
            if (json) {
                System.out.println(Json.write(answer));
                return 0;
            }
            if (answer.fallback() != null) {
                Main.log("note: " + answer.fallback().from() + " failed (" + answer.fallback().message()
                        + "); this is the extractive answer");
            }
            System.out.println(answer.answer());
            if (!answer.citations().isEmpty()) {
                System.out.println();
            }
            for (Citation c : answer.citations()) {
                System.out.printf("[%d] %s:%s  \"%s\"%n", c.id(), c.file(), c.lines(), c.quoteLine(Integer.MAX_VALUE));
            }
            return 0;
        }
    }
}
