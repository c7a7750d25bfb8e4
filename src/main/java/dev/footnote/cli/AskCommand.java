package dev.footnote.cli;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.answer.Answer;
import dev.footnote.answer.Citation;
import dev.footnote.ask.Limits;
import dev.footnote.conversation.ConversationSettings;
import dev.footnote.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ask", mixinStandardHelpOptions = true, description = "Answers one question from the articles (indexing first if needed).")
final class AskCommand implements Callable<Integer> {

    @Mixin
    CollectionOptions collection;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--json", arity = "0..1", fallbackValue = "true", description = "Print the answer object as one line of JSON.")
    boolean json;

    @Option(names = "--top-k", paramLabel = "N", description = "Passages to answer from (default: ${DEFAULT-VALUE}).")
    int topK = Config.DEFAULTS.limits().defaultTopK();

    @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "The question.")
    String[] words;

    @Override
    public Integer call() throws Exception {
        String question = String.join(" ", words).strip();
        Limits limits = Config.DEFAULTS.limits();
        if (question.isEmpty() || question.length() > limits.maxQuestionChars()) {
            System.err.println("error: the question must be 1 to " + limits.maxQuestionChars() + " characters");
            return 2;
        }
        if (!limits.allowsTopK(topK)) {
            System.err.println("error: --top-k must be between 1 and " + limits.maxTopK());
            return 2;
        }
        try (Footnote footnote = Footnote.open(collection.config().withModel(modelOptions.settings())
                // One question, no conversation to continue: nothing is written beside the index.
                .withConversations(Config.DEFAULTS.conversations().withStore(ConversationSettings.MEMORY)),
                Main::log)) {
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
