package dev.footnote.cli;

import dev.footnote.Footnote;
import dev.footnote.index.FolderWatcher;
import dev.footnote.server.ApiKeys;
import dev.footnote.server.ServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code serve} about access, limits, CORS, heartbeats, the access log and watching the folder. */
public final class ServeGuardOptions {

    @Option(names = "--api-keys", paramLabel = "KEYS",
            description = "Comma-separated API keys (at least 16 characters each) that /api/*, /v1/* and /metrics "
                    + "require as 'Authorization: Bearer <key>'; FOOTNOTE_API_KEYS by default. None: no key needed.")
    String apiKeys;

    @Option(names = "--api-keys-file", paramLabel = "FILE",
            description = "File of API keys, one a line ('#' starts a comment); FOOTNOTE_API_KEYS_FILE by default.")
    Path apiKeysFile;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "${FOOTNOTE_RATE_LIMIT:-300}",
            description = "Requests a minute per client (its key, or its address) to the API; 0 for no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int rateLimit;

    @Option(names = "--rate-burst", paramLabel = "N", defaultValue = "60",
            description = "Requests a client may make at once before --rate-limit applies (default: ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "${FOOTNOTE_MAX_CONCURRENT:-16}",
            description = "Answers and searches worked on at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--max-queued", paramLabel = "N", defaultValue = "64",
            description = "Requests that may wait for a turn; more get 503 at once (default: ${DEFAULT-VALUE}).")
    int maxQueued;

    @Option(names = "--queue-wait-ms", paramLabel = "MS", defaultValue = "5000",
            description = "How long a request waits for a turn before it gets 503 (default: ${DEFAULT-VALUE}).")
    long queueWaitMillis;

    @Option(names = "--heartbeat-ms", paramLabel = "MS", defaultValue = "5000",
            description = "How long a streamed answer may send nothing before a comment line goes out; that write is "
                    + "how a client that left is noticed and its model call closed (default: ${DEFAULT-VALUE}).")
    long heartbeatMillis;

    @Option(names = "--cors-origins", paramLabel = "ORIGINS", split = ",", defaultValue = "${FOOTNOTE_CORS_ORIGINS:-}",
            description = "Origins (e.g. https://intranet.example) whose pages may call the API; none by default.")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--log-questions", defaultValue = "false",
            description = "Show the question text in the access log (off by default).")
    boolean logQuestions;

    @Option(names = "--watch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Pick up articles added, changed, renamed or deleted while serving (default: on; "
                    + "--no-watch turns it off; POST /api/reindex works either way).")
    boolean watch;

    @Option(names = "--watch-poll-ms", paramLabel = "MS", defaultValue = "1000",
            description = "How often the folder is looked at; a burst of changes is indexed once it has been quiet "
                    + "this long (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    ServerOptions options(String host) throws IOException {
        String list = apiKeys != null ? apiKeys : System.getenv("FOOTNOTE_API_KEYS");
        String fileName = System.getenv("FOOTNOTE_API_KEYS_FILE");
        Path file = apiKeysFile != null ? apiKeysFile : fileName == null || fileName.isBlank() ? null : Path.of(fileName);
        ApiKeys keys = ApiKeys.of(list, file);
        if (!keys.enabled() && !loopback(host)) {
            Main.log("");
            Main.log("WARNING: Footnote listens on " + host + ", beyond this machine, and needs NO API key:");
            Main.log("WARNING: anyone who can reach it can read the collection. Set --api-keys or FOOTNOTE_API_KEYS.");
            Main.log("");
        }
        if (keys.enabled()) {
            Main.log("API keys required on /api/*, /v1/* and /metrics (" + keys.size() + " configured)");
        }
        List<String> origins = corsOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        if (heartbeatMillis <= 0) {
            throw new IllegalArgumentException("--heartbeat-ms must be at least 1");
        }
        return new ServerOptions(keys, rateLimit, rateBurst, maxConcurrent, maxQueued, queueWaitMillis, origins,
                logQuestions, heartbeatMillis);
    }

    /** The watcher, with its note of the folder taken now: call before the start-up pass, start after it. */
    FolderWatcher watcher(Footnote footnote) throws IOException {
        return new FolderWatcher(footnote.files(), footnote::sync, Main::log, pollMillis, 5 * pollMillis).snapshot();
    }

    void start(FolderWatcher watcher, Footnote footnote) throws IOException {
        if (watch) {
            Main.log("watching " + footnote.files().root() + " for changes");
        }
        watcher.start(watch);
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
