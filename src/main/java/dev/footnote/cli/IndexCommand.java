package dev.footnote.cli;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.conversation.ConversationSettings;
import dev.footnote.index.IndexReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "index", mixinStandardHelpOptions = true, description = "Brings the index up to date with the articles folder and says what changed.")
final class IndexCommand implements Callable<Integer> {

    @Mixin
    CollectionOptions collection;

    @Override
    public Integer call() throws Exception {
        // Indexing asks nothing: it keeps no conversations, so it makes no folder for them.
        try (Footnote footnote = Footnote.open(collection.config()
                .withConversations(Config.DEFAULTS.conversations().withStore(ConversationSettings.MEMORY)),
                Main::log)) {
            IndexReport report = footnote.sync();
            if (report == null) {
                // Another process holds the index (the embedded index's write lock, or a cluster's writer lease).
                footnote.writer().ifPresent(w -> System.err.println("error: not indexed: " + w.owner()
                        + " holds the writer lease of collection " + footnote.config().backend().collection()
                        + " until " + w.expires() + "; run index again once it has stopped (its lease then lapses"
                        + " within " + footnote.config().backend().leaseSeconds() + " s)"));
                return 1;
            }
            print("added", report.added());
            print("changed", report.changed());
            print("removed", report.removed());
            for (String f : report.failed()) {
                System.out.println("failed   " + f);
            }
            System.out.println(report.summary());
            return report.failed().isEmpty() ? 0 : 2;
        }
    }

    private static void print(String what, List<String> files) {
        for (String f : files) {
            System.out.printf("%-8s %s%n", what, f);
        }
    }
}
