package dev.footnote.cli;

import dev.footnote.Config;
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

    private static final ServerOptions DEFAULTS = Config.DEFAULTS.server();

    @Option(names = "--api-keys", paramLabel = "KEYS", description = "Comma-separated API keys (at least 16 characters each) that /api/*, /v1/* and /metrics "
            + "require as 'Authorization: Bearer <key>'. None: no key needed.")
    String apiKeys;

    @Option(names = "--api-keys-file", paramLabel = "FILE", description = "File of API keys, one a line ('#' starts a comment).")
    Path apiKeysFile;

    @Option(names = "--rate-limit", paramLabel = "N", description = "Requests a minute per client (its key, or its address) to the API; 0 for no limit "
            + "(default: ${DEFAULT-VALUE}).")
    int rateLimit = DEFAULTS.ratePerMinute();

    @Option(names = "--rate-burst", paramLabel = "N", description = "Requests a client may make at once before --rate-limit applies (default: ${DEFAULT-VALUE}).")
    int rateBurst = DEFAULTS.rateBurst();

    @Option(names = "--max-concurrent", paramLabel = "N", description = "Answers and searches worked on at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrent = DEFAULTS.maxConcurrent();

    @Option(names = "--max-queued", paramLabel = "N", description = "Requests that may wait for a turn; more get 503 at once (default: ${DEFAULT-VALUE}).")
    int maxQueued = DEFAULTS.maxQueued();

    @Option(names = "--queue-wait-ms", paramLabel = "MS", description = "How long a request waits for a turn before it gets 503 (default: ${DEFAULT-VALUE}).")
    long queueWaitMillis = DEFAULTS.queueWaitMillis();

    @Option(names = "--heartbeat-ms", paramLabel = "MS", description = "How long a streamed answer may send nothing before a comment line goes out; that write is "
            + "how a client that left is noticed and its model call closed (default: ${DEFAULT-VALUE}).")
    long heartbeatMillis = DEFAULTS.heartbeatMillis();

    @Option(names = "--cors-origins", paramLabel = "ORIGINS", split = ",", description = "Origins (e.g. https://intranet.example) whose pages may call the API; none by default.")
    List<String> corsOrigins = new ArrayList<>(DEFAULTS.corsOrigins());

    @Option(names = "--log-questions", arity = "0..1", fallbackValue = "true", description = "Show the question text in the access log (off by default).")
    boolean logQuestions = DEFAULTS.logQuestions();

    @Option(names = "--watch", negatable = true, fallbackValue = "true", description = "Pick up articles added, changed, renamed or deleted while serving (default: on; "
            + "--no-watch turns it off; POST /api/reindex works either way).")
    boolean watch = Config.DEFAULTS.watch();

    @Option(names = "--watch-poll-ms", paramLabel = "MS", description = "How often the folder is looked at; a burst of changes is indexed once it has been quiet "
            + "this long (default: ${DEFAULT-VALUE}).")
    long pollMillis = Config.DEFAULTS.watchPollMillis();

    ServerOptions options(String host) throws IOException {
        ApiKeys keys = ApiKeys.of(apiKeys, apiKeysFile);
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

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
