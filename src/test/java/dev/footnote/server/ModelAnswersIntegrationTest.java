package dev.footnote.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.answer.CitationChecker;
import dev.footnote.answer.ExtractiveAnswerer;
import dev.footnote.ask.AskService;
import dev.footnote.ask.Limits;
import dev.footnote.conversation.Conversations;
import dev.footnote.json.Json;
import dev.footnote.model.LanguageModels;
import dev.footnote.model.ModelSettings;
import dev.footnote.model.ModelStandIn;
import dev.footnote.model.Prompts;
import dev.footnote.model.Provider;
import dev.footnote.retrieve.Retriever;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Footnote's HTTP API answering with a language model: a real index over a copy of articles/, the real server on
 * a loopback port, and LangChain4j's real OpenAI, Ollama and Anthropic clients talking to stand-ins that speak
 * each protocol. Each test scripts what the model replies and checks what the asker gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelAnswersIntegrationTest {

    private static final String KEY = "sk-test-5e0d2c41-must-never-be-logged";
    private static final String F003 = "003_f221ba18038d1787.txt";
    private static final String RAFAH = "How many Palestinians have sought refuge in Rafah?";
    private static final double TIMEOUT_SECONDS = 1.5;
    /** Many asks from one address: no rate limit in the way. */
    private static final ServerOptions UNLIMITED = ServerOptions.DEFAULTS.withRate(0,
            ServerOptions.DEFAULTS.rateBurst());

    /** A model server stand-in and the Footnote servers that use it, without and with the extractive fallback. */
    private record Setup(ModelStandIn standIn, FootnoteServer plain, FootnoteServer withFallback, String label) {
    }

    private final Map<Provider, Setup> setups = new EnumMap<>(Provider.class);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private Footnote footnote;
    private Prompts prompts;
    private FootnoteServer extractive;
    private HttpClient http;
    private List<String> lines003;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        // Everything logged while these tests run is kept, to be searched for the key.
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, log), true, StandardCharsets.UTF_8));

        Path articles = temp.resolve("articles");
        SampleArticles.copyTo(articles);
        lines003 = Files.readAllLines(articles.resolve(F003));
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")), line -> {});
        footnote.sync();
        extractive = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        prompts = Prompts.load(Path.of("prompts"), CitationChecker.REFUSAL);
        for (Provider p : List.of(Provider.OPENAI, Provider.OLLAMA, Provider.ANTHROPIC)) {
            ModelStandIn standIn = new ModelStandIn(p);
            ModelSettings settings = ModelSettings.resolve(p, "stand-in-model", standIn.baseUrl(), TIMEOUT_SECONDS,
                    0, 400, false, Path.of("prompts"), name -> name.equals("FOOTNOTE_MODEL_API_KEY") ? KEY : null);
            setups.put(p, new Setup(standIn, server(settings, false, UNLIMITED), server(settings, true, UNLIMITED),
                    settings.label()));
        }
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private FootnoteServer server(ModelSettings settings, boolean fallback, ServerOptions options) {
        Retriever retriever = new Retriever(footnote.index());
        AskService service = new AskService(retriever, new ExtractiveAnswerer(),
                new CitationChecker(footnote.index()), LanguageModels.create(settings), prompts, fallback,
                new Conversations(), Limits.DEFAULTS);
        return new FootnoteServer(service, footnote).with(options).start("127.0.0.1", 0);
    }

    /**
     * A server over the stand-in with a --timeout of 30 s and a heartbeat every 100 ms, so that only a heartbeat
     * can find a reader gone in good time.
     */
    private FootnoteServer heartbeating(ModelStandIn standIn) {
        ModelSettings settings = ModelSettings.resolve(standIn.provider(), "stand-in-model", standIn.baseUrl(), 30,
                0, 400, false, Path.of("prompts"), name -> name.equals("FOOTNOTE_MODEL_API_KEY") ? KEY : null);
        return server(settings, false, UNLIMITED.withHeartbeatMillis(100));
    }

    @AfterAll
    void stop() throws IOException {
        System.setErr(originalErr);
        for (Setup s : setups.values()) {
            s.plain().stop();
            s.withFallback().stop();
            s.standIn().close();
        }
        extractive.stop();
        footnote.close();
        http.close();
    }

    /** Writes to two streams. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }

    // ---------------------------------------------------------------- helpers

    private record Reply(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    private record Event(String name, JsonNode data) {
    }

    private Reply ask(FootnoteServer server, String body, boolean stream) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/ask"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (stream) {
            b.header("Accept", "text/event-stream");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    }

    private Reply chat(FootnoteServer server, String question, boolean stream)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody(question, stream), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    }

    private static String chatBody(String question, boolean stream) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("model", "footnote").put("stream", stream);
        n.putArray("messages").addObject().put("role", "user").put("content", question);
        return n.toString();
    }

    /** A streamed request written on a plain socket, so the test can leave part-way as a real client does. */
    // The test server listens on the literal 127.0.0.1; getLoopbackAddress() may be ::1.
    @SuppressWarnings("AddressSelection")
    private static Socket openStream(FootnoteServer server, String route, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + route + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return socket;
    }

    private static String question(String q) {
        return Json.MAPPER.createObjectNode().put("question", q).toString();
    }

    private static String question(String q, String conversationId) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("question", q);
        n.put("conversation_id", conversationId);
        return n.toString();
    }

    static List<Event> events(String body) throws IOException {
        List<Event> events = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n", -1)) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n", -1)) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).stripLeading());
                }
            }
            if (!data.isEmpty()) {
                events.add(new Event(name, Json.MAPPER.readTree(data.toString())));
            }
        }
        return events;
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    private static String deltas(List<Event> events) {
        StringBuilder text = new StringBuilder();
        for (Event e : events) {
            if (e.name().equals("delta")) {
                text.append(e.data().path("text").asText());
            }
        }
        return text.toString();
    }

    /** A model that finds the passage holding {@code phrase} and writes {@code answer} with its number as {n}. */
    private static Function<ModelStandIn.Call, ModelStandIn.Reply> citing(String phrase, String answer, int tokenSize) {
        return call -> {
            String text = answer.replace("{n}", String.valueOf(call.passageWith(phrase)));
            return call.stream() && tokenSize > 0
                    ? ModelStandIn.tokens(text, tokenSize, Duration.ofMillis(2))
                    : ModelStandIn.text(text);
        };
    }

    /**
     * Asks plainly and streamed, and returns both answers: they must agree, and the stream's deltas, joined, must
     * be its answer text.
     */
    private List<JsonNode> askBothWays(Setup s, String q) throws IOException, InterruptedException {
        Reply plain = ask(s.plain(), question(q), false);
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        Reply streamed = ask(s.plain(), question(q), true);
        assertThat(streamed.status()).as(streamed.body()).isEqualTo(200);
        List<Event> events = events(streamed.body());
        assertThat(events.getLast().name()).as(streamed.body()).isEqualTo("answer");
        JsonNode a = plain.json();
        JsonNode b = events.getLast().data();
        assertThat(deltas(events)).isEqualTo(b.path("answer").asText());
        for (String field : List.of("answer", "answered", "citations", "sentences", "dropped_citations")) {
            assertThat(b.path(field)).as(field).isEqualTo(a.path(field));
        }
        return List.of(a, b);
    }

    private static List<String> sentenceTexts(JsonNode answer) {
        List<String> texts = new ArrayList<>();
        answer.path("sentences").forEach(s -> texts.add(s.path("text").asText()));
        return texts;
    }

    private void assertRefugeCitation(JsonNode c) {
        assertThat(c.path("file").asText()).isEqualTo(F003);
        assertThat(c.path("start_line").asInt()).isEqualTo(21);
        assertThat(c.path("end_line").asInt()).isEqualTo(21);
        assertThat(c.path("quote").asText()).isEqualTo(lines003.get(20));
    }

    private static void assertError(Reply r, int status, String code) throws IOException {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode error = r.json().path("error");
        assertThat(error.path("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception", "\tat ", KEY);
    }

    // ---------------------------------------------------------------- a model that cites correctly

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aCorrectlyCitedAnswerComesWithTheExactLines(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn()
                .script(citing("1.5 million", "Around 1.5 million Palestinians have sought refuge in Rafah [{n}].", 0));
        Reply r = ask(s.plain(), question(RAFAH), false);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode a = r.json();
        assertThat(a.path("answered").asBoolean()).isTrue();
        assertThat(a.path("answer").asText())
                .isEqualTo("Around 1.5 million Palestinians have sought refuge in Rafah [1].");
        assertThat(a.path("model").asText()).isEqualTo(s.label());
        assertThat(a.path("search_query").asText()).isEqualTo(RAFAH);
        assertThat(a.path("dropped_citations").asInt()).isZero();
        assertThat(a.path("fallback").isNull()).isTrue();
        assertThat(a.path("citations")).hasSize(1);
        assertRefugeCitation(a.path("citations").get(0));
        assertThat(a.path("sentences")).hasSize(1);
        assertThat(a.path("sentences").get(0).path("supported").asBoolean()).isTrue();
        assertThat(a.path("sentences").get(0).path("citations").get(0).asInt()).isEqualTo(1);

        ModelStandIn.Call call = s.standIn().calls().get(0);
        assertThat(call.stream()).isFalse();
        assertThat(call.prompt()).contains("Question: " + RAFAH, "source=\"" + F003 + ":",
                "The articles do not answer this question.");
        assertThat(call.passageWith("1.5 million")).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aStreamedAnswerSendsCheckedDeltasThenCitationsThenTheAnswer(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn()
                .script(citing("1.5 million", "Around 1.5 million Palestinians have sought refuge in the city [{n}]. "
                        + "They fled the ravages of the war [{n}]. Netanyahu wants to attack the city [{n}].", 5));
        Reply r = ask(s.plain(), question(RAFAH), true);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/event-stream");
        List<Event> events = events(r.body());
        assertThat(names(events).subList(names(events).size() - 2, names(events).size()))
                .containsExactly("citations", "answer");
        assertThat(names(events).subList(0, names(events).size() - 2)).hasSizeGreaterThan(1).containsOnly("delta");
        JsonNode answer = events.get(events.size() - 1).data();
        assertThat(deltas(events)).isEqualTo(answer.path("answer").asText());
        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(answer.path("model").asText()).isEqualTo(s.label());
        assertThat(events.get(events.size() - 2).data().path("citations")).isEqualTo(answer.path("citations"));
        assertRefugeCitation(answer.path("citations").get(0));
        // Markers are citation ids and every quote is the cited lines of the file.
        for (JsonNode c : answer.path("citations")) {
            String quote = String.join("\n",
                    lines003.subList(c.path("start_line").asInt() - 1, c.path("end_line").asInt()));
            assertThat(c.path("quote").asText()).isEqualTo(quote);
            assertThat(answer.path("answer").asText()).contains("[" + c.path("id").asInt() + "]");
        }
        assertThat(s.standIn().calls()).singleElement().satisfies(c -> assertThat(c.stream()).isTrue());
    }

    // ---------------------------------------------------------------- a model that cites badly or not at all

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aCitationOfAPassageThatDoesNotExistIsRemovedAndCounted(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn().script(citing("1.5 million", "Around 1.5 million Palestinians have sought refuge in Rafah [{n}]. "
                + "Most of them live in tents [17].", 0));
        for (boolean stream : List.of(false, true)) {
            Reply r = ask(s.plain(), question(RAFAH), stream);
            JsonNode a = stream ? events(r.body()).getLast().data() : r.json();
            assertThat(a.path("answered").asBoolean()).isTrue();
            assertThat(a.path("answer").asText())
                    .isEqualTo("Around 1.5 million Palestinians have sought refuge in Rafah [1]. "
                            + "Most of them live in tents.");
            assertThat(a.path("dropped_citations").asInt()).isEqualTo(1);
            assertThat(a.path("sentences").get(1).path("supported").asBoolean()).isFalse();
            assertThat(a.path("sentences").get(1).path("citations")).isEmpty();
            assertThat(a.path("citations")).hasSize(1);
        }
        // When no marker points anywhere, there is no answer.
        s.standIn()
                .script(call -> ModelStandIn.text("Around 1.5 million Palestinians have sought refuge in Rafah [17]."));
        JsonNode a = ask(s.plain(), question(RAFAH), false).json();
        assertThat(a.path("answered").asBoolean()).isFalse();
        assertThat(a.path("answer").asText()).startsWith(CitationChecker.REFUSAL);
        assertThat(a.path("dropped_citations").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void anAnswerThatCitesNothingIsNotAnAnswerButNotARefusalEither(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn().script(call -> ModelStandIn.text("Around 1.5 million Palestinians have sought refuge in Rafah."));
        // askBothWays holds the stream to its answer: nothing of the uncited text went out as if it were one.
        for (JsonNode a : askBothWays(s, RAFAH)) {
            assertThat(a.path("answered").asBoolean()).isFalse();
            // The closest passage holds the fact: "the articles do not answer" would be false.
            assertThat(a.path("answer").asText()).startsWith("The model's answer could not be checked against the "
                    + "articles: it cites no passage. The closest passage").doesNotContain(CitationChecker.REFUSAL);
            assertThat(a.path("citations")).isNotEmpty().anySatisfy(
                    c -> assertThat(c.path("quote").asText()).contains(lines003.get(20)));
            assertThat(sentenceTexts(a))
                    .containsExactly("Around 1.5 million Palestinians have sought refuge in Rafah.");
            assertThat(a.path("sentences").get(0).path("supported").asBoolean()).isFalse();
            assertThat(a.path("dropped_citations").asInt()).isZero();
        }
    }

    // ---------------------------------------------------------------- what models actually write

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aSentenceThatStartsWithADigitIsCheckedOnItsOwn(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn().script(citing("1.5 million", "Around 1.5 million Palestinians have sought refuge in Rafah [{n}]. "
                + "34622 Palestinians have been martyred in the war [{n}].", 4));
        for (JsonNode a : askBothWays(s, RAFAH)) {
            assertThat(a.path("answered").asBoolean()).isTrue();
            assertThat(a.path("answer").asText()).isEqualTo("Around 1.5 million Palestinians have sought refuge in "
                    + "Rafah [1]. 34622 Palestinians have been martyred in the war [1].");
            assertThat(sentenceTexts(a)).containsExactly("Around 1.5 million Palestinians have sought refuge in Rafah.",
                    "34622 Palestinians have been martyred in the war.");
            assertThat(a.path("dropped_citations").asInt()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void markersInTheFormsModelsWriteAreRead(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn().script(citing("1.5 million", "Around 1.5 million Palestinians have sought refuge in Rafah "
                + "[Passage {n}]. They fled the ravages of the war \u3010{n}\u2020source\u3011. "
                + "Netanyahu wants to attack the city [{n}:23][12345].", 3));
        for (JsonNode a : askBothWays(s, RAFAH)) {
            assertThat(a.path("answered").asBoolean()).isTrue();
            assertThat(a.path("answer").asText()).matches("Around 1\\.5 million Palestinians have sought refuge in "
                    + "Rafah \\[1]\\. They fled the ravages of the war \\[\\d]\\. Netanyahu wants to attack the city \\[\\d]\\.");
            assertThat(a.path("sentences")).hasSize(3).allSatisfy(
                    sentence -> assertThat(sentence.path("supported").asBoolean()).isTrue());
            // [12345] names no passage: dropped and counted, and the [n] beside it still stands.
            assertThat(a.path("dropped_citations").asInt()).isEqualTo(1);
            assertRefugeCitation(a.path("citations").get(0));
        }
    }

    /** A source line {@code [n] file:start-end} as models echo passage n's opening tag at the end of a reply. */
    private static String header(ModelStandIn.Call call, int n) {
        var m = java.util.regex.Pattern.compile("<passage id=\"" + n + "\" source=\"([^\"]+)\">")
                .matcher(call.prompt());
        if (!m.find()) {
            throw new AssertionError("no passage " + n + " in the prompt");
        }
        return "[" + n + "] " + m.group(1);
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aTrailingListOfSourcesIsRemovedNotStreamedAndDoesNotSinkTheAnswer(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        for (String list : List.of("\n\n{header}", "\n\nSources:\n1. " + F003 + " (lines 19-23)\n")) {
            s.standIn().script(call -> {
                int n = call.passageWith("1.5 million");
                String text = "Around 1.5 million Palestinians have sought refuge in Rafah [" + n + "]."
                        + list.replace("{header}", header(call, n));
                return call.stream() ? ModelStandIn.tokens(text, 3, Duration.ofMillis(1)) : ModelStandIn.text(text);
            });
            // askBothWays holds the stream to its answer: nothing of the list went out as answer text.
            for (JsonNode a : askBothWays(s, RAFAH)) {
                assertThat(a.path("answered").asBoolean()).as(list).isTrue();
                assertThat(a.path("answer").asText())
                        .isEqualTo("Around 1.5 million Palestinians have sought refuge in Rafah [1].");
                assertThat(a.path("dropped_citations").asInt()).isZero();
                assertThat(sentenceTexts(a))
                        .containsExactly("Around 1.5 million Palestinians have sought refuge in Rafah.");
                assertRefugeCitation(a.path("citations").get(0));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aRefusalAfterAnAnswerIsLeftOutAndARefusalAloneIsTheModelsRefusal(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        for (String refusal : List.of(CitationChecker.REFUSAL, "The articles do not answer whether more will come.")) {
            s.standIn()
                    .script(citing("1.5 million", "Around 1.5 million Palestinians have sought refuge in Rafah [{n}]. "
                            + refusal, 3));
            for (JsonNode a : askBothWays(s, RAFAH)) {
                assertThat(a.path("answered").asBoolean()).isTrue();
                assertThat(a.path("answer").asText())
                        .isEqualTo("Around 1.5 million Palestinians have sought refuge in Rafah [1].");
                assertThat(sentenceTexts(a)).containsExactly(
                        "Around 1.5 million Palestinians have sought refuge in Rafah.",
                        refusal);
                assertThat(a.path("sentences").get(1).path("supported").asBoolean()).isFalse();
                assertRefugeCitation(a.path("citations").get(0));
            }
        }
        s.standIn().script(citing("1.5 million", "The articles do not answer whether more will come.", 3));
        for (JsonNode a : askBothWays(s, RAFAH)) {
            assertThat(a.path("answered").asBoolean()).isFalse();
            assertThat(a.path("answer").asText()).startsWith(CitationChecker.REFUSAL + " The closest passage");
        }
    }

    // ---------------------------------------------------------------- a model server that fails

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aModelThatTimesOutIsA504NeverAHang(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn().script(call -> new ModelStandIn.Stall(Duration.ofSeconds(30), "late"));
        for (boolean stream : List.of(false, true)) {
            long t0 = System.nanoTime();
            assertError(ask(s.plain(), question(RAFAH), stream), 504, "model_timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aConnectionDroppedMidStreamEndsTheStreamWithAnErrorEvent(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn().script(call -> {
            int n = call.passageWith("1.5 million");
            return new ModelStandIn.Drop(
                    List.of("Around 1.5 million Palestinians have ", "sought refuge in the city [" + n
                            + "]. ", "They fled the ", "ravages of"));
        });
        Reply r = ask(s.plain(), question(RAFAH), true);
        assertThat(r.status()).isEqualTo(200);
        List<Event> events = events(r.body());
        assertThat(names(events)).startsWith("delta").endsWith("error").doesNotContain("answer", "citations");
        assertThat(deltas(events)).startsWith("Around 1.5 million Palestinians have sought refuge in the city [1].");
        assertThat(events.getLast().data().path("error").path("code").asText()).isEqualTo("model_connection_lost");

        assertError(ask(s.plain(), question(RAFAH), false), 502, "model_connection_lost");
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void rateLimitingAndGarbageAreClearErrors(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn().script(call -> new ModelStandIn.Status(429, "slow down"));
        assertError(ask(s.plain(), question(RAFAH), false), 503, "model_rate_limited");
        assertError(ask(s.plain(), question(RAFAH), true), 503, "model_rate_limited");
        s.standIn().script(call -> new ModelStandIn.Garbage("<html><body>Bad gateway</body></html>"));
        assertError(ask(s.plain(), question(RAFAH), false), 502, "model_bad_reply");
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void garbageIsABadReplyWhetherAskedPlainOrStreamed(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        List<String> bodies = List.of("<html><body>Bad gateway</body></html>", "{\"choices\": [{\"delta\": ",
                "data: {\"choices\": oops\n\n", "event: message_start\ndata: {\"type\": oops\n\n");
        for (String garbage : bodies) {
            // A 502 and not a 504: told when the body ends, not after --timeout.
            s.standIn().script(call -> new ModelStandIn.Garbage(garbage));
            assertError(ask(s.plain(), question(RAFAH), false), 502, "model_bad_reply");
            assertError(ask(s.plain(), question(RAFAH), true), 502, "model_bad_reply");
            assertError(chat(s.plain(), RAFAH, false), 502, "model_bad_reply");
            assertError(chat(s.plain(), RAFAH, true), 502, "model_bad_reply");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aStreamThatEndsBeforeTheReplyIsCompleteIsAConnectionLostAtOnce(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn().script(
                call -> new ModelStandIn.Unfinished(List.of("Around 1.5 million Palestinians ", "have sought")));
        // A JSON 502 and not a 504 (or a heartbeat, then an error event): told when the body ends.
        assertError(ask(s.plain(), question(RAFAH), true), 502, "model_connection_lost");
        assertError(chat(s.plain(), RAFAH, true), 502, "model_connection_lost");
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void withTheFallbackAFailingModelGivesTheExtractiveAnswerThatSaysSo(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn().script(call -> new ModelStandIn.Status(429, "slow down"));
        for (boolean stream : List.of(false, true)) {
            Reply r = ask(s.withFallback(), question(RAFAH), stream);
            assertThat(r.status()).isEqualTo(200);
            JsonNode a = stream ? events(r.body()).getLast().data() : r.json();
            assertThat(a.path("model").asText()).isEqualTo("extractive");
            assertThat(a.path("fallback").path("from").asText()).isEqualTo(s.label());
            assertThat(a.path("fallback").path("code").asText()).isEqualTo("model_rate_limited");
            assertThat(a.path("answered").asBoolean()).isTrue();
            assertRefugeCitation(a.path("citations").get(0));
        }
        // Failing part-way through a stream: the reader is told to start over, then gets the extractive answer.
        s.standIn().script(call -> new ModelStandIn.Drop(List.of("Around 1.5 million Palestinians have sought refuge "
                + "in the city [" + call.passageWith("1.5 million") + "]. ", "They fled")));
        List<Event> events = events(ask(s.withFallback(), question(RAFAH), true).body());
        assertThat(names(events)).containsSubsequence("delta", "restart", "delta", "citations", "answer");
        JsonNode restart = events.get(names(events).indexOf("restart")).data();
        assertThat(restart.path("code").asText()).isEqualTo("model_connection_lost");
        JsonNode answer = events.getLast().data();
        assertThat(answer.path("fallback").path("code").asText()).isEqualTo("model_connection_lost");
        List<Event> after = events.subList(names(events).indexOf("restart") + 1, events.size());
        assertThat(deltas(after)).isEqualTo(answer.path("answer").asText());
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aClientThatDisconnectsStopsTheGeneration(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn().script(call -> {
            List<String> pieces = new ArrayList<>();
            // 10 s of text: a generation left running would send all of it; one stopped sends a fraction, even
            // when a loaded machine takes a few seconds to notice the client left.
            for (int i = 0; i < 200; i++) {
                pieces.add("Around 1.5 million Palestinians have sought refuge in the city ["
                        + call.passageWith("1.5 million") + "]. ");
            }
            return new ModelStandIn.Text(pieces, Duration.ofMillis(50));
        });
        try (Socket socket = openStream(s.plain(), "/api/ask", question(RAFAH))) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("event: delta")) {
                // read up to the first delta
            }
            assertThat(line).isEqualTo("event: delta");
        }
        assertThat(s.standIn().awaitReaderLeft(Duration.ofSeconds(10)))
                .as("the model server saw Footnote close the generation").isTrue();
        assertThat(s.standIn().piecesSentBeforeLeaving()).isLessThan(150);
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aClientThatLeavesWhileTheModelIsSilentClosesTheModelConnection(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        FootnoteServer server = heartbeating(s.standIn());
        try {
            for (String route : List.of("/api/ask", "/v1/chat/completions")) {
                s.standIn().script(call -> new ModelStandIn.Silent(Duration.ofSeconds(30), "Too late."));
                String body = route.equals("/api/ask") ? question(RAFAH) : chatBody(RAFAH, true);
                try (Socket socket = openStream(server, route, body)) {
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    String line;
                    while ((line = in.readLine()) != null && !line.startsWith(":")) {
                        assertThat(line).as(route + ": nothing but headers before the heartbeat")
                                .doesNotStartWith("data:");
                    }
                    assertThat(line).as(route + ": a heartbeat while the model is silent").startsWith(":");
                    assertThat(s.standIn().calls()).as(route).singleElement()
                            .satisfies(c -> assertThat(c.stream()).isTrue());
                }
                // Leaving is seen at the next heartbeat or the one after, far inside the 30 s --timeout.
                assertThat(s.standIn().awaitReaderLeft(Duration.ofSeconds(5)))
                        .as(route + ": the model server saw Footnote close the connection").isTrue();
            }
        } finally {
            server.stop();
        }
    }

    // ---------------------------------------------------------------- conversations

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
    void aFollowUpIsRewrittenByTheModelAndFindsTheRightArticle(Provider provider) throws Exception {
        Setup s = setups.get(provider);
        s.standIn().script(call -> {
            if (call.isRewrite()) {
                return ModelStandIn.text("\"Where did Ismail Haniyeh return to after Turkey?\"\n");
            }
            int n = call.passageWith("returned to Qatar");
            return ModelStandIn.text(n == 0
                    ? CitationChecker.REFUSAL
                    : "Ismail Haniyeh returned to Qatar after his trip to Turkey [" + n + "].");
        });
        JsonNode first = ask(s.plain(), question("Who did Ismail Haniyeh meet in Turkey?"), false).json();
        String id = first.path("conversation_id").asText();
        assertThat(first.path("search_query").asText()).isEqualTo("Who did Ismail Haniyeh meet in Turkey?");

        JsonNode followUp = ask(s.plain(), question("Where did he go back to?", id), false).json();
        assertThat(followUp.path("conversation_id").asText()).isEqualTo(id);
        assertThat(followUp.path("search_query").asText())
                .isEqualTo("Where did Ismail Haniyeh return to after Turkey?");
        assertThat(followUp.path("answered").asBoolean()).isTrue();
        assertThat(followUp.path("citations").get(0).path("file").asText()).isEqualTo(F003);
        assertThat(followUp.path("citations").get(0).path("start_line").asInt()).isEqualTo(25);
        assertThat(followUp.path("timings_ms").path("rewrite").asDouble()).isPositive();

        List<ModelStandIn.Call> calls = s.standIn().calls();
        ModelStandIn.Call rewrite = calls.stream().filter(ModelStandIn.Call::isRewrite).findFirst().orElseThrow();
        assertThat(rewrite.prompt()).contains("User: Who did Ismail Haniyeh meet in Turkey?",
                "Assistant: Ismail Haniyeh",
                "Follow-up question: Where did he go back to?");
        // The first question of a conversation is searched as asked: one call, no rewrite.
        assertThat(calls.stream().filter(ModelStandIn.Call::isRewrite).count()).isEqualTo(1);
    }

    @Test
    void aFollowUpIsRewrittenByRuleForTheExtractiveAnswerer() throws Exception {
        JsonNode first = ask(extractive, question("Who did Ismail Haniyeh meet in Turkey?"), false).json();
        assertThat(first.path("citations").get(0).path("start_line").asInt()).isEqualTo(25);
        String id = first.path("conversation_id").asText();

        JsonNode followUp = ask(extractive, question("What is his role in Hamas?", id), false).json();
        assertThat(followUp.path("search_query").asText()).isEqualTo("What is Ismail Haniyeh's role in Hamas?");
        assertThat(followUp.path("answered").asBoolean()).isTrue();
        // The standalone question reaches a line that names Haniyeh's place in Hamas.
        String quote = followUp.path("citations").get(0).path("quote").asText();
        assertThat(quote).contains("Ismail Haniyeh").containsAnyOf("head of Hamas' Political Bureau",
                "leader of the Palestinian");

        // The same words outside the conversation know nothing of Haniyeh.
        JsonNode alone = ask(extractive, question("What is his role in Hamas?"), false).json();
        assertThat(alone.path("search_query").asText()).isEqualTo("What is his role in Hamas?");
        assertThat(alone.path("answered").asBoolean() ? alone.path("citations").get(0).path("quote").asText() : "")
                .doesNotContain("Ismail Haniyeh");
    }

    // ---------------------------------------------------------------- keys

    @Test
    void theKeyIsSentToTheModelServerButNeverLoggedNorShown() throws Exception {
        for (Provider p : setups.keySet()) {
            Setup s = setups.get(p);
            s.standIn().script(call -> new ModelStandIn.Status(401, "Incorrect API key provided: " + KEY));
            Reply refused = ask(s.plain(), question(RAFAH), false);
            assertError(refused, 502, "model_refused");
            Reply fellBack = ask(s.withFallback(), question(RAFAH), true);
            assertThat(fellBack.body()).doesNotContain(KEY);
            s.standIn().script(call -> new ModelStandIn.Garbage("{\"echo\": \"" + KEY + "\""));
            assertThat(ask(s.plain(), question(RAFAH), false).body()).doesNotContain(KEY);
            assertThat(ask(s.plain(), question(RAFAH), true).body()).doesNotContain(KEY);
            ModelStandIn.Call call = s.standIn().calls().get(0);
            assertThat(p == Provider.ANTHROPIC ? call.header("x-api-key") : call.header("Authorization")).contains(KEY);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("model_refused");
        assertThat(logged).doesNotContain(KEY);
    }

    /**
     * A model's Markdown and any HTML it writes reach the asker as text, exactly as written (the page renders the
     * Markdown itself, with DOM nodes); the citations are checked through the Markdown as through plain text.
     */
    @Test
    void markdownAndHtmlFromTheModelComeThroughAsTextWithCheckedCitations() throws Exception {
        Setup s = setups.get(Provider.OPENAI);
        // No "(1)" in it: the checker reads that as a citation marker.
        String hostile = "<img src=x onerror=\"alert('a')\"><script>alert('b')</script> [click](javascript:alert('c'))";
        s.standIn().script(citing("1.5 million", "Around 1.5 million Palestinians have sought **refuge** in "
                + "*Rafah* [{n}].\n\n- " + hostile + "\n- ![pic](http://192.0.2.1/x.png)", 7));
        for (JsonNode a : askBothWays(s, RAFAH)) {
            String text = a.path("answer").asText();
            assertThat(text).startsWith("Around 1.5 million Palestinians have sought **refuge** in *Rafah* [1].")
                    .contains("\n\n- " + hostile).contains("![pic](http://192.0.2.1/x.png)");
            assertThat(a.path("citations")).hasSize(1);
            assertThat(a.path("citations").get(0).path("file").asText()).isEqualTo(F003);
            JsonNode first = a.path("sentences").get(0);
            assertThat(first.path("supported").asBoolean()).as(a.path("sentences").toString()).isTrue();
            assertThat(first.path("text").asText()).startsWith("Around 1.5 million");
        }
    }
}
