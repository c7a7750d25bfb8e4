package dev.footnote.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LangChain4j's real OpenAI, Ollama and Anthropic clients, built by {@link LanguageModels}, against stand-in servers
 * that speak each protocol: every way a call can end comes back as the text or as a {@link ModelException} with
 * the status a Footnote client should see, within the timeout.
 */
class LanguageModelTest {

    private static final String KEY = "sk-test-3a1f9c77-never-shown";
    private static final List<ChatMessage> MESSAGES = List.of(SystemMessage.from("You answer briefly."),
            UserMessage.from("Where did the delegation go?"));
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    private static LanguageModel model(ModelStandIn standIn) {
        return LanguageModels.create(settings(standIn.provider(), standIn.baseUrl()));
    }

    static ModelSettings settings(Provider provider, String baseUrl) {
        return ModelSettings.resolve(provider, "stand-in-model", baseUrl, TIMEOUT.toMillis() / 1000.0, 0.2, 300,
                false, Path.of("prompts"), name -> name.equals("FOOTNOTE_MODEL_API_KEY") ? KEY : null);
    }

    private static String streamed(LanguageModel model, List<String> pieces) throws IOException {
        return model.stream(MESSAGES, pieces::add);
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aPlainReplyComesBackWithTheRequestInTheProvidersShape(Provider provider) throws Exception {
        try (ModelStandIn standIn = new ModelStandIn(provider)) {
            standIn.script(call -> ModelStandIn.text("They went to Cairo [1]."));
            assertThat(model(standIn).complete(MESSAGES)).isEqualTo("They went to Cairo [1].");

            ModelStandIn.Call call = standIn.calls().get(0);
            assertThat(call.stream()).isFalse();
            assertThat(call.prompt()).contains("You answer briefly.", "Where did the delegation go?");
            assertThat(call.body().path("model").asText()).isEqualTo("stand-in-model");
            switch (provider) {
                case OPENAI -> {
                    assertThat(call.header("Authorization")).isEqualTo("Bearer " + KEY);
                    assertThat(call.body().path("max_tokens").asInt()).isEqualTo(300);
                    assertThat(call.body().path("temperature").asDouble()).isEqualTo(0.2);
                }
                case OLLAMA -> {
                    assertThat(call.header("Authorization")).isEqualTo("Bearer " + KEY);
                    assertThat(call.body().path("options").path("num_predict").asInt()).isEqualTo(300);
                    assertThat(call.body().path("options").path("temperature").asDouble()).isEqualTo(0.2);
                }
                case ANTHROPIC -> {
                    assertThat(call.header("x-api-key")).isEqualTo(KEY);
                    assertThat(call.header("anthropic-version")).isNotBlank();
                    assertThat(call.body().path("max_tokens").asInt()).isEqualTo(300);
                    assertThat(call.body().path("system").toString()).contains("You answer briefly.");
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aStreamedReplyArrivesPieceByPiece(Provider provider) throws Exception {
        try (ModelStandIn standIn = new ModelStandIn(provider)) {
            String text = "They went to Cairo [1]. Talks resumed on Saturday [2].";
            standIn.script(call -> ModelStandIn.tokens(text, 4, Duration.ofMillis(5)));
            List<String> pieces = new ArrayList<>();
            assertThat(streamed(model(standIn), pieces)).isEqualTo(text);
            assertThat(pieces).hasSizeGreaterThan(10);
            assertThat(String.join("", pieces)).isEqualTo(text);
            assertThat(standIn.calls()).singleElement().satisfies(c -> assertThat(c.stream()).isTrue());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void rateLimitingIsA503(Provider provider) throws Exception {
        try (ModelStandIn standIn = new ModelStandIn(provider)) {
            standIn.script(call -> new ModelStandIn.Status(429, "Rate limit reached for " + KEY));
            LanguageModel model = model(standIn);
            for (boolean stream : List.of(false, true)) {
                assertFails(model, stream, 503, "model_rate_limited");
            }
            // No retries: one request per call, so the asker hears at once.
            assertThat(standIn.calls()).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void serverErrorsAndRefusedKeysAre502s(Provider provider) throws Exception {
        try (ModelStandIn standIn = new ModelStandIn(provider)) {
            LanguageModel model = model(standIn);
            for (boolean stream : List.of(false, true)) {
                standIn.script(call -> new ModelStandIn.Status(500, "boom"));
                assertFails(model, stream, 502, "model_error");
                standIn.script(call -> new ModelStandIn.Status(401, "Incorrect API key provided: " + KEY));
                ModelException e = assertFails(model, stream, 502, "model_refused");
                assertThat(e.getMessage()).doesNotContain(KEY);
                standIn.script(call -> new ModelStandIn.Status(503, "overloaded"));
                assertFails(model, stream, 503, "model_unavailable");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aServerThatDoesNotAnswerIsA504WithinTheTimeout(Provider provider) throws Exception {
        try (ModelStandIn standIn = new ModelStandIn(provider)) {
            standIn.script(call -> new ModelStandIn.Stall(Duration.ofSeconds(20), "Too late [1]."));
            LanguageModel model = model(standIn);
            for (boolean stream : List.of(false, true)) {
                long t0 = System.nanoTime();
                assertFails(model, stream, 504, "model_timeout");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(TIMEOUT.minusMillis(100),
                        TIMEOUT.plusSeconds(3));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aPlainReplyThatStallsHalfWayIsA504(Provider provider) throws Exception {
        try (ModelStandIn standIn = new ModelStandIn(provider)) {
            standIn.script(call -> new ModelStandIn.SlowBody(Duration.ofSeconds(20), "They went to Cairo [1]."));
            long t0 = System.nanoTime();
            assertFails(model(standIn), false, 504, "model_timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT.plusSeconds(3));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aStreamThatStallsHalfWayIsA504(Provider provider) throws Exception {
        try (ModelStandIn standIn = new ModelStandIn(provider)) {
            standIn.script(
                    call -> new ModelStandIn.Text(List.of("They went ", "to Cairo [1]."), Duration.ofSeconds(20)));
            long t0 = System.nanoTime();
            List<String> pieces = new ArrayList<>();
            assertThatThrownBy(() -> streamed(model(standIn), pieces)).isInstanceOfSatisfying(ModelException.class,
                    e -> assertThat(e.status()).isEqualTo(504));
            assertThat(pieces).containsExactly("They went ");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT.plusSeconds(3));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aConnectionCutMidStreamIsA502(Provider provider) throws Exception {
        try (ModelStandIn standIn = new ModelStandIn(provider)) {
            standIn.script(call -> new ModelStandIn.Drop(List.of("They went ", "to Cairo ")));
            LanguageModel model = model(standIn);
            List<String> pieces = new ArrayList<>();
            assertThatThrownBy(() -> streamed(model, pieces)).isInstanceOfSatisfying(ModelException.class, e -> {
                assertThat(e.status()).isEqualTo(502);
                assertThat(e.code()).isEqualTo("model_connection_lost");
            });
            assertThat(pieces).containsExactly("They went ", "to Cairo ");
            assertFails(model, false, 502, "model_connection_lost");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void garbageIsA502OrATimeoutNeverAHang(Provider provider) throws Exception {
        try (ModelStandIn standIn = new ModelStandIn(provider)) {
            standIn.script(call -> new ModelStandIn.Garbage("<html>502 Bad Gateway</html>\n"));
            LanguageModel model = model(standIn);
            assertFails(model, false, 502, "model_bad_reply");
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> streamed(model, new ArrayList<>())).isInstanceOfSatisfying(ModelException.class,
                    e -> assertThat(e.status()).isIn(502, 504));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT.plusSeconds(3));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aServerThatIsDownIsA503(Provider provider) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free again once closed: nothing listens there
        }
        String base = switch (provider) {
            case OPENAI -> "http://127.0.0.1:" + port + "/v1";
            case ANTHROPIC -> "http://127.0.0.1:" + port + "/v1/";
            default -> "http://127.0.0.1:" + port;
        };
        LanguageModel model = LanguageModels.create(settings(provider, base));
        for (boolean stream : List.of(false, true)) {
            assertFails(model, stream, 503, "model_unavailable");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aReaderThatLeavesCancelsTheGeneration(Provider provider) throws Exception {
        try (ModelStandIn standIn = new ModelStandIn(provider)) {
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                many.add("word" + i + " ");
            }
            standIn.script(call -> new ModelStandIn.Text(many, Duration.ofMillis(20)));
            List<String> got = new ArrayList<>();
            assertThatThrownBy(() -> model(standIn).stream(MESSAGES, piece -> {
                got.add(piece);
                if (got.size() == 3) {
                    throw new IOException("reader gone");
                }
            })).isInstanceOf(IOException.class).hasMessage("reader gone");
            assertThat(standIn.awaitReaderLeft(Duration.ofSeconds(5))).as("the stand-in saw the connection close")
                    .isTrue();
            assertThat(standIn.piecesSentBeforeLeaving()).isLessThan(50);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aReaderThatLeavesBeforeTheModelServerAnswersClosesTheConnection(Provider provider) throws Exception {
        // A model server that takes the request and says nothing, not even its headers (a model still loading).
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(10_000);
                    InputStream in = socket.getInputStream();
                    while (in.read() != -1) {
                        // the request, then nothing until the client closes
                    }
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            String base = switch (provider) {
                case OPENAI -> "http://127.0.0.1:" + server.getLocalPort() + "/v1";
                case ANTHROPIC -> "http://127.0.0.1:" + server.getLocalPort() + "/v1/";
                default -> "http://127.0.0.1:" + server.getLocalPort();
            };
            LanguageModel model = LanguageModels
                    .create(ModelSettings.resolve(provider, "stand-in-model", base, 30, 0.2, 300,
                            false, Path.of("prompts"), name -> name.equals("FOOTNOTE_MODEL_API_KEY") ? KEY : null));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThatThrownBy(() -> model.stream(MESSAGES, new LanguageModel.Pieces() {
                    @Override
                    public void piece(String text) {
                    }

                    @Override
                    public void quiet() throws IOException {
                        throw new IOException("reader gone");
                    }
                })).isInstanceOf(IOException.class).hasMessage("reader gone");
                assertThat(closed.get(5, TimeUnit.SECONDS)).as("the model server saw the connection close").isTrue();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void settingsNeverShowTheKey(Provider provider) {
        ModelSettings s = settings(provider, "http://127.0.0.1:9/");
        assertThat(s.toString()).doesNotContain(KEY).contains("FOOTNOTE_MODEL_API_KEY");
        assertThat(s.describe()).doesNotContain(KEY);
        assertThat(s.label()).isEqualTo(provider.id() + ":stand-in-model");
    }

    private static ModelException assertFails(LanguageModel model, boolean stream, int status, String code) {
        try {
            if (stream) {
                model.stream(MESSAGES, piece -> {});
            } else {
                model.complete(MESSAGES);
            }
        } catch (ModelException e) {
            assertThat(Map.of("status", e.status(), "code", e.code()))
                    .as("%s (%s)", e.getMessage(), stream ? "streaming" : "plain")
                    .isEqualTo(Map.of("status", status, "code", code));
            return e;
        } catch (IOException e) {
            throw new AssertionError("expected a ModelException, got " + e, e);
        }
        throw new AssertionError("expected a ModelException (" + (stream ? "streaming" : "plain") + ")");
    }
}
