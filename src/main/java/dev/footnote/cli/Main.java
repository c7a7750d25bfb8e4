package dev.footnote.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code footnote} command line. Results go to standard output; progress and logs to standard error. */
@Command(name = "footnote", mixinStandardHelpOptions = true, version = "footnote 0.1.0", description = "Answers questions about a folder of articles and cites the file and lines of every claim.", subcommands = {
        ServeCommand.class, IndexCommand.class, AskCommand.class, EvalCommand.class, BenchCommand.class,
        ClusterCommand.class, NegativesCommand.class, TrainJudgeCommand.class,
        TrainAnswererCommand.class})
public final class Main {

    /** Held here: java.util.logging forgets the level of a logger nothing references. */
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

    public static void main(String[] args) {
        // Lucene reports its vectorisation set-up at INFO through java.util.logging; only warnings matter here.
        LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line as {@link #run} executes it: options from the environment, errors as one message. */
    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setDefaultValueProvider(new EnvDefaults())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    if (System.getenv("FOOTNOTE_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr()); // only on request: users get the message, not a trace
                    }
                    return 1;
                });
    }

    static void log(String line) {
        System.err.println(line);
    }
}
