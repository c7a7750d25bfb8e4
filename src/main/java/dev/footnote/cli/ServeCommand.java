package dev.footnote.cli;

import dev.footnote.Footnote;
import dev.footnote.index.FolderWatcher;
import dev.footnote.index.Retriever;
import dev.footnote.index.IndexStats;
import dev.footnote.model.ModelSettings;
import dev.footnote.server.FootnoteServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Indexes the articles if needed and serves the chat page and HTTP API.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CollectionOptions collection;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${FOOTNOTE_PORT:-7070}",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${FOOTNOTE_HOST:-127.0.0.1}",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Mixin
    ServeGuardOptions guard;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        ModelSettings model = modelOptions.settings();
        Footnote footnote = Footnote.open(collection.articles, collection.index, collection.retrieval,
                Retriever.Settings.DEFAULT, model, Main::log);
        var report = footnote.sync();
        if (report != null) {
            Main.log(report.summary());
            report.failed().forEach(f -> Main.log("failed: " + f));
        }
        FolderWatcher watcher = guard.watcher(footnote);
        FootnoteServer server = new FootnoteServer(footnote.service(), footnote.index())
                .with(guard.options(host), watcher).start(host, port);
        IndexStats stats = footnote.index().stats();
        String shown = host.equals("0.0.0.0") ? "localhost" : host.equals("127.0.0.1") ? "localhost" : host;
        Main.log(model.describe());
        Main.log(String.format("Footnote is serving %d articles (%d passages) at http://%s:%d/ (ready in %d ms)",
                stats.articles(), stats.passages(), shown, server.port(), (System.nanoTime() - t0) / 1_000_000));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            watcher.close();
            try {
                footnote.close();
            } catch (Exception e) {
                Main.log("closing the index failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "footnote-shutdown"));
        stopped.await();
        return 0;
    }
}
