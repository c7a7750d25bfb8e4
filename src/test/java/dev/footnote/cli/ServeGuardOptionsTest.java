package dev.footnote.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The serve options: defaults, keys, and the loud warning when the server is open beyond this machine. */
class ServeGuardOptionsTest {

    private static final String KEY = "a-long-enough-key-0001";

    private static String captured(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ServeGuardOptions parse(String... args) {
        ServeGuardOptions o = new ServeGuardOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void anOpenServerBeyondLoopbackWarnsAndAKeyedOneDoesNot() {
        String open = captured(() -> {
            try {
                parse().options("0.0.0.0");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(open).contains("WARNING", "0.0.0.0", "NO API key");
        String keyed = captured(() -> {
            try {
                ServerOptions o = parse("--api-keys", KEY).options("0.0.0.0");
                assertThat(o.keys().enabled()).isTrue();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(keyed).doesNotContain("WARNING").doesNotContain(KEY).contains("1 configured");
        String local = captured(() -> {
            try {
                parse().options("127.0.0.1");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(local).doesNotContain("WARNING");
        assertThat(ServeGuardOptions.loopback("::1")).isTrue();
        assertThat(ServeGuardOptions.loopback("localhost")).isTrue();
    }

    @Test
    void defaultsWatchAndLimitAndCorsIsOff() throws Exception {
        ServeGuardOptions o = parse();
        assertThat(o.watch).isTrue();
        assertThat(parse("--no-watch").watch).isFalse();
        ServerOptions s = o.options("127.0.0.1");
        assertThat(s.ratePerMinute()).isEqualTo(300);
        assertThat(s.corsOrigins()).isEmpty();
        assertThat(s.heartbeatMillis()).isEqualTo(ServerOptions.DEFAULTS.heartbeatMillis()).isEqualTo(5000);
        assertThat(parse("--heartbeat-ms", "250").options("127.0.0.1").heartbeat()).hasMillis(250);
        assertThat(parse("--cors-origins", "https://a.example,https://b.example").options("127.0.0.1").corsOrigins())
                .containsExactly("https://a.example", "https://b.example");
    }
}
