package dev.footnote.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A secret is read as given, blank is unset, and its text says only whether it is set. */
class SecretTest {

    @Test
    void blankIsUnsetAndTheValueIsStripped() {
        assertThat(Secret.of(null)).isEqualTo(Secret.UNSET);
        assertThat(Secret.of("  ")).isEqualTo(Secret.UNSET);
        assertThat(Secret.UNSET.isSet()).isFalse();
        assertThat(Secret.of(" xoxb-1 ").value()).isEqualTo("xoxb-1");
        assertThat(Secret.of("xoxb-1").missingAs("NAME")).isNull();
        assertThat(Secret.UNSET.missingAs("NAME")).isEqualTo("NAME");
    }

    @Test
    void toStringSaysOnlyWhetherItIsSet() {
        assertThat(Secret.of("xoxb-1")).hasToString("set");
        assertThat(Secret.UNSET).hasToString("unset");
    }
}
