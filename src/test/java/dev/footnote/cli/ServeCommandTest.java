package dev.footnote.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footnote.answer.Answer;
import dev.footnote.answer.Timings;
import dev.footnote.ask.Asker;
import dev.footnote.server.ConcurrencyLimit;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServeCommandTest {

    @Test
    void chatQuestionsTakeTheSameBoundAsHttpOnes() throws IOException {
        ConcurrencyLimit limit = new ConcurrencyLimit(1, 0, 10);
        Answer fine = new Answer("ok", true, List.of(), List.of(), 0, "c", "q", "extractive", null,
                new Timings(0, 0, 0, 0));
        Asker asker = ServeCommand.limited((question, conversation) -> fine, limit);

        assertThat(limit.acquire()).isTrue(); // an HTTP answer holds the only permit
        assertThatThrownBy(() -> asker.ask("q", "c")).isInstanceOf(IOException.class).hasMessageContaining("busy");
        limit.release();
        assertThat(asker.ask("q", "c")).isSameAs(fine);
        assertThat(limit.acquire()).isTrue(); // and the chat question gave its permit back
        limit.release();
    }
}
