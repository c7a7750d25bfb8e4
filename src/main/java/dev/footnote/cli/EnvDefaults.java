package dev.footnote.cli;

import java.util.Locale;
import java.util.function.UnaryOperator;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one way options read the environment: every {@code --some-option} of every command defaults to
 * {@code FOOTNOTE_SOME_OPTION} when that is set (a system property of the same name first, then the environment
 * variable), else to the default stated in {@link dev.footnote.Config#DEFAULTS}. The command line wins over both.
 */
final class EnvDefaults implements IDefaultValueProvider {

    private final UnaryOperator<String> env;

    EnvDefaults() {
        this(EnvDefaults::lookup);
    }

    EnvDefaults(UnaryOperator<String> env) {
        this.env = env;
    }

    /** The variable that stands for an option: {@code --rate-burst} is {@code FOOTNOTE_RATE_BURST}. */
    static String variable(OptionSpec option) {
        String name = option.longestName().replaceFirst("^-+", "");
        return "FOOTNOTE_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String value = env.apply(variable(option));
        return value == null || value.isEmpty() ? null : value;
    }

    /** A system property first, then the environment. */
    static String lookup(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }
}
