package dev.footnote.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One configuration, built one way: every option of every command can be set by its flag and by its
 * {@code FOOTNOTE_*} variable, the flag wins, and the defaults are those of {@link Config#DEFAULTS}.
 */
class EnvDefaultsTest {

    private static Config serve(Map<String, String> env, String... args) throws Exception {
        CommandLine cli = new CommandLine(new Main()).setDefaultValueProvider(new EnvDefaults(env::get));
        ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
        cli.parseArgs(concat("serve", args));
        return serve.config();
    }

    private static String[] concat(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    @Test
    void withNothingSetServeRunsOnTheDefaults() throws Exception {
        Config c = serve(Map.of());
        assertThat(c.articles()).isEqualTo(Config.DEFAULTS.articles());
        assertThat(c.index()).isEqualTo(Config.DEFAULTS.index());
        assertThat(c.retrieval()).isEqualTo(Config.DEFAULTS.retrieval());
        assertThat(c.host()).isEqualTo(Config.DEFAULTS.host());
        assertThat(c.port()).isEqualTo(Config.DEFAULTS.port());
        assertThat(c.server()).usingRecursiveComparison().isEqualTo(Config.DEFAULTS.server());
        assertThat(c.watch()).isEqualTo(Config.DEFAULTS.watch());
        assertThat(c.watchPollMillis()).isEqualTo(Config.DEFAULTS.watchPollMillis());
        assertThat(c.model()).isEqualTo(Config.DEFAULTS.model());
        assertThat(c.slack().enabled()).isFalse();
        assertThat(c.telegram().enabled()).isFalse();
    }

    @Test
    void theOptionsThatHadNoVariableNowHaveOne() throws Exception {
        Map<String, String> env = Map.of("FOOTNOTE_RATE_BURST", "7", "FOOTNOTE_MAX_QUEUED", "9",
                "FOOTNOTE_QUEUE_WAIT_MS", "123", "FOOTNOTE_WATCH_POLL_MS", "250", "FOOTNOTE_WATCH", "false",
                "FOOTNOTE_HEARTBEAT_MS", "750", "FOOTNOTE_LOG_QUESTIONS", "true", "FOOTNOTE_PORT", "8181",
                "FOOTNOTE_ARTICLES", "/srv/articles", "FOOTNOTE_SLACK_SOCKET_MODE", "true");
        Config c = serve(env);
        assertThat(c.server().rateBurst()).isEqualTo(7);
        assertThat(c.server().maxQueued()).isEqualTo(9);
        assertThat(c.server().queueWaitMillis()).isEqualTo(123);
        assertThat(c.server().heartbeatMillis()).isEqualTo(750);
        assertThat(c.server().logQuestions()).isTrue();
        assertThat(c.watch()).isFalse();
        assertThat(c.watchPollMillis()).isEqualTo(250);
        assertThat(c.port()).isEqualTo(8181);
        assertThat(c.articles()).isEqualTo(Path.of("/srv/articles"));
        assertThat(c.slack().socketMode()).isTrue();
    }

    @Test
    void theFlagWinsOverTheVariable() throws Exception {
        Config c = serve(Map.of("FOOTNOTE_RATE_LIMIT", "10", "FOOTNOTE_WATCH", "false"), "--rate-limit", "20",
                "--watch");
        assertThat(c.server().ratePerMinute()).isEqualTo(20);
        assertThat(c.watch()).isTrue();
    }

    @Test
    void everyOptionOfEveryCommandHasItsVariableAndNoOtherWayToReadTheEnvironment() throws Exception {
        CommandLine cli = new CommandLine(new Main());
        List<String> variables = new ArrayList<>();
        for (CommandLine sub : cli.getSubcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                // Defaults are stated in Config.DEFAULTS (as field values), never as ${...} lookups.
                assertThat(o.defaultValue()).as("%s %s", sub.getCommandName(), o.longestName()).isNull();
                variables.add(EnvDefaults.variable(o));
            }
        }
        assertThat(variables).contains("FOOTNOTE_ARTICLES", "FOOTNOTE_API_KEYS", "FOOTNOTE_API_KEYS_FILE",
                "FOOTNOTE_RATE_BURST", "FOOTNOTE_WATCH_POLL_MS", "FOOTNOTE_MODEL", "FOOTNOTE_TELEGRAM_BOT_TOKEN");
    }

    @Test
    void anOnOffFlagSetsOnEvenWhenItsVariableAlreadyDid() throws Exception {
        assertThat(serve(Map.of("FOOTNOTE_LOG_QUESTIONS", "true"), "--log-questions").server().logQuestions()).isTrue();
        assertThat(serve(Map.of(), "--log-questions").server().logQuestions()).isTrue();
        assertThat(serve(Map.of("FOOTNOTE_LOG_QUESTIONS", "true"), "--log-questions=false").server().logQuestions())
                .isFalse();
        CommandLine cli = new CommandLine(new Main()).setDefaultValueProvider(new EnvDefaults(Map.of("FOOTNOTE_JSON",
                "true")::get));
        AskCommand ask = cli.getSubcommands().get("ask").getCommand();
        cli.parseArgs("ask", "--json", "Who", "won?");
        assertThat(ask.json).isTrue();
        assertThat(ask.words).containsExactly("Who", "won?");
    }

    @Test
    void apiKeysComeFromTheirVariableLikeEveryOtherOption() throws Exception {
        assertThat(serve(Map.of("FOOTNOTE_API_KEYS", "a-long-enough-key-0001")).server().keys().enabled()).isTrue();
        assertThat(serve(Map.of()).server().keys().enabled()).isFalse();
    }

    @Test
    void nothingElseReadsTheEnvironment() throws Exception {
        // EnvDefaults is the one reader; Main reads FOOTNOTE_DEBUG only to decide whether to print a stack trace.
        try (var files = Files.walk(Path.of("src/main/java"))) {
            List<Path> readers = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    String code = Files.readString(f);
                    return code.contains("System.getenv(") || code.contains("${env:") || code.contains("${FOOTNOTE_");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> f.getFileName()).toList();
            assertThat(readers).containsExactlyInAnyOrder(Path.of("EnvDefaults.java"), Path.of("Main.java"));
        }
    }
}
