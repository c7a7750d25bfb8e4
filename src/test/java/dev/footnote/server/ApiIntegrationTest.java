package dev.footnote.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP API end to end: a real Lucene index on disk over a copy of {@code articles/}, the real Javalin server
 * on a loopback port, and {@link HttpClient} (or a raw socket, for URIs a client would normalise) as the caller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIntegrationTest {

    private static final String RAFAH_FILE = "003_f221ba18038d1787.txt";
    private static final String RAFAH_QUESTION = "How many Palestinians have sought refuge in Rafah?";
    private static final String SECRET = "TOP-SECRET-OUTSIDE-THE-COLLECTION-4711";
    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");

    private Path articles;
    private Footnote footnote;
    private FootnoteServer server;
    private HttpClient http;
    private String base;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    void startServer(@TempDir Path temp) throws IOException {
        articles = temp.resolve("articles");
        SampleArticles.copyTo(articles);
        // A file beside the collection that no request may ever reveal.
        Files.writeString(temp.resolve("secret.txt"), SECRET + "\n");
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")), line -> {
            synchronized (log) {
                log.add(line);
            }
        });
        footnote.sync();
        server = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stopServer() throws IOException {
        if (server != null) {
            server.stop();
        }
        if (footnote != null) {
            footnote.close();
        }
        if (http != null) {
            http.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    private Reply send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(builder.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        return new Reply(r.statusCode(), headers, r.body());
    }

    private Reply get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    private Reply postAsk(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/ask"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private static String askBody(String question) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("question", question);
        return node.toString();
    }

    /**
     * A request written byte for byte on a socket, so that the request target reaches the server exactly as
     * given (no client-side normalisation of dot segments or re-encoding).
     */
    // The test server listens on the literal 127.0.0.1; getLoopbackAddress() may be ::1.
    @SuppressWarnings("AddressSelection")
    private Reply raw(String method, String target, String body) throws IOException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(server.port()).append("\r\n")
                    .append("Connection: close\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\n")
                        .append("Content-Length: ").append(payload.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            return parseRaw(socket.getInputStream().readAllBytes());
        }
    }

    private static Reply parseRaw(byte[] bytes) throws IOException {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int split = all.indexOf("\r\n\r\n");
        assertThat(split).as("a complete HTTP response: %s", all).isPositive();
        String[] headLines = all.substring(0, split).split("\r\n", -1);
        int status = Integer.parseInt(headLines[0].split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < headLines.length; i++) {
            int colon = headLines[i].indexOf(':');
            headers.put(headLines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    headLines[i].substring(colon + 1).strip());
        }
        byte[] rest = java.util.Arrays.copyOfRange(bytes, split + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rest = dechunk(rest);
        }
        return new Reply(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        InputStream in = new ByteArrayInputStream(chunked);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            String hex = size.toString().split(";", 2)[0].strip();
            if (hex.isEmpty()) {
                return out.toByteArray();
            }
            int n = Integer.parseInt(hex, 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.read();
            in.read();
        }
    }

    /** A 4xx whose body is the JSON error object with a code and a message and nothing of the server's insides. */
    private static JsonNode assertJsonError(Reply r, int... allowedStatuses) throws IOException {
        assertThat(r.status()).as("status of %s", r.body()).isBetween(400, 499);
        if (allowedStatuses.length > 0) {
            assertThat(r.status()).as("status of %s", r.body()).isIn(boxed(allowedStatuses));
        }
        assertThat(r.header("content-type")).as("content type of an error").startsWith("application/json");
        assertNoInternals(r.body());
        JsonNode json = r.json();
        assertThat(json.isObject()).as("error body %s", r.body()).isTrue();
        JsonNode error = json.get("error");
        assertThat(error).as("error object in %s", r.body()).isNotNull();
        assertThat(error.path("code").isTextual()).as("error.code in %s", r.body()).isTrue();
        assertThat(error.path("code").asText()).isNotBlank();
        assertThat(error.path("message").isTextual()).as("error.message in %s", r.body()).isTrue();
        assertThat(error.path("message").asText()).isNotBlank();
        return error;
    }

    private static Object[] boxed(int[] values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("at dev.", "at io.javalin", "at org.eclipse", "at java.", "Exception",
                "\tat ", SECRET, "root:x:0:0");
    }

    private List<String> fileLines(String file) throws IOException {
        return Files.readAllLines(articles.resolve(file), StandardCharsets.UTF_8);
    }

    private Set<String> collectionFiles() throws IOException {
        try (Stream<Path> files = Files.list(articles)) {
            Set<String> names = new TreeSet<>();
            files.forEach(f -> names.add(f.getFileName().toString()));
            return names;
        }
    }

    /** The answer object contract: fields, types, quotes equal to the files' lines, markers equal to ids. */
    private void assertAnswerContract(JsonNode a) throws IOException {
        assertThat(a.path("answer").isTextual()).as("answer in %s", a).isTrue();
        assertThat(a.path("answer").asText()).isNotBlank();
        assertThat(a.path("answered").isBoolean()).as("answered in %s", a).isTrue();
        assertThat(a.path("citations").isArray()).as("citations in %s", a).isTrue();
        assertThat(a.path("conversation_id").isTextual()).as("conversation_id in %s", a).isTrue();
        assertThat(a.path("conversation_id").asText()).isNotBlank();
        assertThat(a.path("model").asText()).isEqualTo("extractive");
        JsonNode t = a.path("timings_ms");
        for (String stage : List.of("retrieve", "answer", "total")) {
            assertThat(t.path(stage).isNumber()).as("timings_ms.%s in %s", stage, a).isTrue();
            assertThat(t.path(stage).asDouble()).isGreaterThanOrEqualTo(0);
        }
        assertThat(t.path("total").asDouble() + 0.011)
                .isGreaterThanOrEqualTo(t.path("retrieve").asDouble() + t.path("answer").asDouble() - 0.011);

        Set<Integer> ids = new HashSet<>();
        int expectedId = 1;
        for (JsonNode c : a.path("citations")) {
            assertThat(c.path("id").isInt()).as("citation id in %s", c).isTrue();
            assertThat(c.path("id").asInt()).as("ids numbered 1..n in order").isEqualTo(expectedId++);
            ids.add(c.path("id").asInt());
            String file = c.path("file").asText();
            assertThat(collectionFiles()).as("cited file").contains(file);
            int start = c.path("start_line").asInt();
            int end = c.path("end_line").asInt();
            List<String> lines = fileLines(file);
            assertThat(start).isBetween(1, lines.size());
            assertThat(end).isBetween(start, lines.size());
            assertThat(c.path("quote").asText())
                    .as("quote of %s:%d-%d", file, start, end)
                    .isEqualTo(String.join("\n", lines.subList(start - 1, end)));
            assertThat(c.path("score").isNumber()).as("score in %s", c).isTrue();
        }
        Set<Integer> markers = markers(a.path("answer").asText());
        assertThat(markers).as("markers in the answer text vs citation ids").isEqualTo(ids);
    }

    private static Set<Integer> markers(String text) {
        Set<Integer> markers = new HashSet<>();
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            markers.add(Integer.parseInt(m.group(1)));
        }
        return markers;
    }

    // ---------------------------------------------------------------- /api/ask

    @Test
    void answersWithCitationQuotingTheFileExactly() throws Exception {
        Reply r = postAsk(askBody(RAFAH_QUESTION));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("application/json");
        JsonNode a = r.json();
        assertAnswerContract(a);
        assertThat(a.path("answered").asBoolean()).as(r.body()).isTrue();
        assertThat(a.path("answer").asText()).contains("1.5 million");
        assertThat(a.path("citations")).isNotEmpty();

        List<String> rafah = fileLines(RAFAH_FILE);
        boolean citesLine21 = false;
        for (JsonNode c : a.path("citations")) {
            if (c.path("file").asText().equals(RAFAH_FILE)
                    && c.path("start_line").asInt() <= 21 && c.path("end_line").asInt() >= 21) {
                citesLine21 = true;
                assertThat(c.path("quote").asText()).contains(rafah.get(20));
            }
        }
        assertThat(citesLine21).as("cites %s line 21 in %s", RAFAH_FILE, r.body()).isTrue();
    }

    @Test
    void conversationIdIsEchoedOrGenerated() throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("question", RAFAH_QUESTION);
        body.put("conversation_id", "conv-42");
        body.put("top_k", 3);
        Reply r = postAsk(body.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("conversation_id").asText()).isEqualTo("conv-42");
        assertAnswerContract(r.json());

        Reply generated1 = postAsk(askBody(RAFAH_QUESTION));
        Reply generated2 = postAsk(
                "{\"question\": \"" + RAFAH_QUESTION + "\", \"conversation_id\": null, \"top_k\": null}");
        assertThat(generated2.status()).as(generated2.body()).isEqualTo(200);
        assertThat(generated1.json().path("conversation_id").asText())
                .isNotBlank()
                .isNotEqualTo(generated2.json().path("conversation_id").asText());
    }

    @Test
    void topKBoundsOneAndFiftyAreAccepted() throws Exception {
        for (int k : new int[]{1, 50}) {
            Reply r = postAsk("{\"question\": \"" + RAFAH_QUESTION + "\", \"top_k\": " + k + "}");
            assertThat(r.status()).as("top_k %d: %s", k, r.body()).isEqualTo(200);
            assertAnswerContract(r.json());
        }
    }

    @Test
    void concurrentQuestionsGetTheSameAnswer() throws Exception {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            futures.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/ask"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(askBody(RAFAH_QUESTION))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        Set<String> answers = new HashSet<>();
        for (var f : futures) {
            HttpResponse<String> r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode a = Json.MAPPER.readTree(r.body());
            assertAnswerContract(a);
            answers.add(a.path("answer").asText());
        }
        assertThat(answers).hasSize(1);
    }

    @Test
    void refusesWhenTheArticlesDoNotAnswer() throws Exception {
        Reply r = postAsk(askBody("What is the population of Cairo?"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode a = r.json();
        assertAnswerContract(a);
        assertThat(a.path("answered").asBoolean()).as(r.body()).isFalse();
        assertThat(a.path("answer").asText()).containsIgnoringCase("do not answer");
    }

    /** A question no passage shares a word with is refused without offering passages that are not close. */
    @Test
    void refusalOffersNoPassagesWhenNoneIsClose() throws Exception {
        Reply r = postAsk(askBody("Who won the 2022 World Cup?"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode a = r.json();
        assertAnswerContract(a);
        assertThat(a.path("answered").asBoolean()).as(r.body()).isFalse();
        assertThat(a.path("answer").asText()).as(r.body()).isEqualTo("The articles do not answer this question.");
        assertThat(a.path("citations").size()).as(r.body()).isZero();
    }

    /** A refusal still offers the closest passages when they share the question's words. */
    @Test
    void refusalOffersClosePassages() throws Exception {
        Reply r = postAsk(askBody("What is the population of Cairo?"));
        JsonNode a = r.json();
        assertThat(a.path("answered").asBoolean()).as(r.body()).isFalse();
        assertThat(a.path("answer").asText()).as(r.body()).endsWith("The closest passages are [1] and [2].");
        assertThat(a.path("citations").size()).as(r.body()).isEqualTo(2);
    }

    @Test
    void questionOfExactlyTwoThousandCharactersIsAccepted() throws Exception {
        String q = (RAFAH_QUESTION + " ").repeat(100).substring(0, 2000);
        q = q.substring(0, 1999) + "?";
        assertThat(q).hasSize(2000);
        Reply r = postAsk(askBody(q));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertAnswerContract(r.json());
    }

    @Test
    void streamsDeltaThenCitationsThenTheWholeAnswer() throws Exception {
        Reply r = send(HttpRequest.newBuilder(URI.create(base + "/api/ask"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(askBody(RAFAH_QUESTION))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("text/event-stream");

        List<String> names = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        for (String block : r.body().replace("\r\n", "\n").split("\n\n", -1)) {
            if (block.isBlank()) {
                continue;
            }
            String event = "message";
            StringBuilder payload = new StringBuilder();
            for (String line : block.split("\n", -1)) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (!payload.isEmpty()) {
                        payload.append('\n');
                    }
                    payload.append(line.substring(5).stripLeading());
                }
            }
            names.add(event);
            data.add(Json.MAPPER.readTree(payload.toString()));
        }
        assertThat(names).as("event order in %s", r.body()).first().isEqualTo("delta");
        assertThat(names.subList(names.lastIndexOf("delta") + 1, names.size()))
                .as("after the deltas")
                .containsExactly("citations", "answer");
        assertThat(names.subList(0, names.lastIndexOf("delta") + 1)).containsOnly("delta");

        JsonNode answer = data.get(data.size() - 1);
        assertAnswerContract(answer);
        assertThat(answer.path("answered").asBoolean()).isTrue();

        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals("delta")) {
                text.append(data.get(i).path("text").asText());
            }
        }
        assertThat(text.toString()).as("the deltas add up to the answer").isEqualTo(answer.path("answer").asText());
        assertThat(data.get(names.indexOf("citations")).path("citations"))
                .as("the citations event carries the answer's citations")
                .isEqualTo(answer.path("citations"));
    }

    @Test
    void streamingRequestWithBadInputIsStillAJsonError() throws Exception {
        Reply r = send(HttpRequest.newBuilder(URI.create(base + "/api/ask"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"  \"}")));
        assertJsonError(r, 400);
    }

    static Stream<Arguments> badAskBodies() {
        String tooLong = "x".repeat(2001);
        return Stream.of(
                Arguments.of("empty question", "{\"question\": \"\"}"),
                Arguments.of("whitespace question", "{\"question\": \" \\t\\n  \"}"),
                Arguments.of("missing question", "{\"top_k\": 5}"),
                Arguments.of("null question", "{\"question\": null}"),
                Arguments.of("question a number", "{\"question\": 42}"),
                Arguments.of("question an array", "{\"question\": [\"what\"]}"),
                Arguments.of("question an object", "{\"question\": {\"text\": \"what\"}}"),
                Arguments.of("question a boolean", "{\"question\": true}"),
                Arguments.of("top_k 0", "{\"question\": \"Rafah?\", \"top_k\": 0}"),
                Arguments.of("top_k 51", "{\"question\": \"Rafah?\", \"top_k\": 51}"),
                Arguments.of("top_k negative", "{\"question\": \"Rafah?\", \"top_k\": -1}"),
                Arguments.of("top_k string", "{\"question\": \"Rafah?\", \"top_k\": \"5\"}"),
                Arguments.of("top_k fraction", "{\"question\": \"Rafah?\", \"top_k\": 1.5}"),
                Arguments.of("top_k huge", "{\"question\": \"Rafah?\", \"top_k\": 99999999999999999999999}"),
                Arguments.of("top_k boolean", "{\"question\": \"Rafah?\", \"top_k\": true}"),
                Arguments.of("conversation_id number", "{\"question\": \"Rafah?\", \"conversation_id\": 7}"),
                Arguments.of("conversation_id object", "{\"question\": \"Rafah?\", \"conversation_id\": {}}"),
                Arguments.of("conversation_id too long",
                        "{\"question\": \"Rafah?\", \"conversation_id\": \"" + "c".repeat(101) + "\"}"),
                Arguments.of("malformed JSON", "{\"question\": \"Rafah?\""),
                Arguments.of("not JSON at all", "question=Rafah"),
                Arguments.of("JSON array body", "[{\"question\": \"Rafah?\"}]"),
                Arguments.of("JSON string body", "\"Rafah?\""),
                Arguments.of("JSON null body", "null"),
                Arguments.of("empty body", ""),
                Arguments.of("whitespace body", "  \n "),
                Arguments.of("deeply nested JSON",
                        "{\"question\": \"Rafah?\", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}"),
                Arguments.of("question over 2000 characters", askBody(tooLong)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAskBodies")
    void badAskRequestsAreJson4xx(String what, String body) throws Exception {
        Reply r = postAsk(body);
        JsonNode error = assertJsonError(r);
        if (what.startsWith("question over")) {
            assertThat(r.status()).isIn(400, 413);
            assertThat(error.path("message").asText()).contains("2000");
        } else {
            assertThat(r.status()).as("%s -> %s", what, r.body()).isEqualTo(400);
        }
        if (what.startsWith("top_k")) {
            assertThat(error.path("message").asText()).contains("top_k");
        }
        if (what.contains("question") && !what.startsWith("top_k") && !what.startsWith("conversation")) {
            assertThat(error.path("message").asText()).containsIgnoringCase("question");
        }
        if (what.startsWith("conversation_id")) {
            assertThat(error.path("message").asText()).contains("conversation_id");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"question\": \"Rafah \\ud800?\"}",
            "{\"question\": \"How many sought refuge in Rafah?\", \"conversation_id\": \"\\udc00\"}",
            "{\"question\": \"How many sought refuge in Rafah?\", \"conversation_id\": \"a\\u0000b\"}",
            "{\"question\": \"\\u0000\\u0001\"}",
            "{\"question\": \"???\"}",
            "{\"question\": \"the of and\"}",
            "{\"question\": \"\\\"unbalanced AND OR NOT * title:( ~^[{\"}"})
    void oddButWellFormedQuestionsNeverFail(String body) throws Exception {
        Reply r = postAsk(body);
        assertThat(r.status()).as("%s -> %s", body, r.body()).isIn(200, 400);
        assertNoInternals(r.body());
        JsonNode json = r.json();
        if (r.status() == 200) {
            assertAnswerContract(json);
        } else {
            assertJsonError(r, 400);
        }
    }

    /**
     * A body that is a JSON object followed by more text is not valid JSON and must be refused like any other
     * malformed body. (Found failing: the server answers the first object with 200 and ignores the rest.)
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"question\": \"How many Palestinians have sought refuge in Rafah?\"} }",
            "{\"question\": \"How many Palestinians have sought refuge in Rafah?\"} trailing garbage",
            "{\"question\": \"How many Palestinians have sought refuge in Rafah?\"}{\"question\": \"Gaza?\"}",
            "{\"question\": \"How many Palestinians have sought refuge in Rafah?\"}]"})
    void jsonWithTrailingContentIsMalformed(String body) throws Exception {
        Reply r = postAsk(body);
        JsonNode error = assertJsonError(r, 400);
        assertThat(error.path("message").asText()).containsIgnoringCase("JSON");
    }

    @Test
    void bodyOfExactlySixtyFourKilobytesIsAccepted() throws Exception {
        String head = "{\"question\": \"" + RAFAH_QUESTION + "\", \"pad\": \"";
        String tail = "\"}";
        String body = head + "x".repeat((int) FootnoteServer.MAX_BODY_BYTES - head.length() - tail.length()) + tail;
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);
        Reply r = postAsk(body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertAnswerContract(r.json());

        Reply over = postAsk(body.replace("\"pad\": \"", "\"pad\": \"x"));
        assertJsonError(over, 413);
    }

    @Test
    void bodyOverSixtyFourKilobytesIs413() throws Exception {
        String body = "{\"question\": \"Rafah?\", \"pad\": \"" + "x".repeat(70_000) + "\"}";
        Reply r = postAsk(body);
        JsonNode error = assertJsonError(r, 413);
        assertThat(error.path("message").asText()).isNotBlank();
    }

    @Test
    void chunkedBodyOverSixtyFourKilobytesIs413() throws Exception {
        // No Content-Length: the limit must hold on the bytes actually read, not only on the header.
        byte[] body = ("{\"question\": \"Rafah?\", \"pad\": \"" + "x".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Reply r = send(HttpRequest.newBuilder(URI.create(base + "/api/ask"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertJsonError(r, 413);
    }

    // ---------------------------------------------------------------- /api/search

    @Test
    void searchReturnsPassagesWithLinesAndScores() throws Exception {
        Reply r = get("/api/search?q=Rafah%20refuge&k=3");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.path("query").asText()).isEqualTo("Rafah refuge");
        assertThat(json.path("took_ms").isNumber()).isTrue();
        JsonNode results = json.path("results");
        assertThat(results.size()).isBetween(1, 3);
        assertThat(results.get(0).path("file").asText()).isEqualTo(RAFAH_FILE);
        double previous = Double.MAX_VALUE;
        for (JsonNode hit : results) {
            String file = hit.path("file").asText();
            assertThat(collectionFiles()).contains(file);
            int start = hit.path("start_line").asInt();
            int end = hit.path("end_line").asInt();
            assertThat(start).isBetween(1, fileLines(file).size());
            assertThat(end).isBetween(start, fileLines(file).size());
            assertThat(hit.path("text").asText()).isNotBlank();
            assertThat(hit.path("score").isNumber()).isTrue();
            assertThat(hit.path("score").asDouble()).isLessThanOrEqualTo(previous);
            previous = hit.path("score").asDouble();
            assertThat(hit.path("also_in").isArray()).isTrue();
        }
    }

    @Test
    void searchKBounds() throws Exception {
        Reply one = get("/api/search?q=Gaza&k=1");
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().path("results").size()).isEqualTo(1);

        Reply fifty = get("/api/search?q=Gaza&k=50");
        assertThat(fifty.status()).as(fifty.body()).isEqualTo(200);
        assertThat(fifty.json().path("results").size()).isBetween(1, 50);

        Reply dflt = get("/api/search?q=Gaza");
        assertThat(dflt.status()).as(dflt.body()).isEqualTo(200);
        assertThat(dflt.json().path("results").size()).isBetween(1, 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/search?q=Gaza&k=0", "/api/search?q=Gaza&k=51", "/api/search?q=Gaza&k=-3",
            "/api/search?q=Gaza&k=abc", "/api/search?q=Gaza&k=1.5", "/api/search?q=Gaza&k=99999999999",
            "/api/search", "/api/search?q=", "/api/search?q=%20%20", "/api/search?k=5"})
    void badSearchRequestsAreJson400(String target) throws Exception {
        JsonNode error = assertJsonError(get(target), 400);
        assertThat(error.path("message").asText()).containsAnyOf("k ", "q ", "k must", "q is");
    }

    @Test
    void searchQueryOverTwoThousandCharactersIs4xx() throws Exception {
        assertJsonError(get("/api/search?q=" + "a".repeat(2001)), 400, 413, 414);
    }

    @Test
    void veryLongRequestUriIsJson4xx() throws Exception {
        assertJsonError(get("/api/search?q=" + "a".repeat(20_000)), 400, 413, 414, 431);
    }

    @Test
    void searchWithMalformedPercentEncodingIs4xx() throws Exception {
        assertJsonError(raw("GET", "/api/search?q=%zz&k=3", null));
    }

    @Test
    void searchWithLuceneSyntaxIsNotAnError() throws Exception {
        // Whatever a user types is words, not a query language: no 500 for stray operators.
        for (String q : List.of("%22unbalanced", "AND%20OR%20NOT", "*", "title%3A%28", "~%5E%5B%7B", "%3F%3F%3F")) {
            Reply r = get("/api/search?q=" + q);
            assertThat(r.status()).as("q=%s -> %s", q, r.body()).isIn(200, 400);
            assertNoInternals(r.body());
        }
    }

    // ---------------------------------------------------------------- /api/articles

    @Test
    void articleLinesWithStartAndEnd() throws Exception {
        List<String> lines = fileLines(RAFAH_FILE);
        Reply r = get("/api/articles/" + RAFAH_FILE + "?start=20&end=22");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.path("file").asText()).isEqualTo(RAFAH_FILE);
        assertThat(json.path("line_count").asInt()).isEqualTo(lines.size());
        assertThat(json.path("start").asInt()).isEqualTo(20);
        assertThat(json.path("end").asInt()).isEqualTo(22);
        JsonNode got = json.path("lines");
        assertThat(got.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(got.get(i).path("number").asInt()).isEqualTo(20 + i);
            assertThat(got.get(i).path("text").asText()).isEqualTo(lines.get(19 + i));
            assertThat(got.get(i).path("content").isBoolean()).isTrue();
        }
        assertThat(got.get(1).path("content").asBoolean()).as("line 21 is article prose").isTrue();
    }

    @Test
    void wholeArticleByDefaultAndEndClampedToLastLine() throws Exception {
        List<String> lines = fileLines(RAFAH_FILE);
        Reply whole = get("/api/articles/" + RAFAH_FILE);
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        JsonNode json = whole.json();
        assertThat(json.path("start").asInt()).isEqualTo(1);
        assertThat(json.path("end").asInt()).isEqualTo(lines.size());
        List<String> texts = new ArrayList<>();
        json.path("lines").forEach(l -> texts.add(l.path("text").asText()));
        assertThat(texts).isEqualTo(lines);

        Reply clamped = get("/api/articles/" + RAFAH_FILE + "?start=" + lines.size() + "&end=100000");
        assertThat(clamped.status()).as(clamped.body()).isEqualTo(200);
        assertThat(clamped.json().path("end").asInt()).isEqualTo(lines.size());
        assertThat(clamped.json().path("lines").size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?start=0", "?start=-1", "?start=1000", "?start=10&end=5", "?end=0", "?start=abc",
            "?end=xyz", "?start=1.5", "?start=99999999999"})
    void badLineRangesAreJson400(String query) throws Exception {
        JsonNode error = assertJsonError(get("/api/articles/" + RAFAH_FILE + query), 400);
        assertThat(error.path("message").asText()).containsAnyOf("start", "end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope.txt", "003_f221ba18038d1787", "003_f221ba18038d1787.TXT", "sub/dir/file.txt",
            "secret.txt", "index.html"})
    void unknownArticleIsJson404(String name) throws Exception {
        JsonNode error = assertJsonError(get("/api/articles/" + name), 404);
        assertThat(error.path("code").asText()).isEqualTo("not_found");
    }

    /** Names that try to leave the collection, as they appear on the request line. */
    static Stream<String> traversalTargets() {
        return Stream.of(
                "/api/articles/../secret.txt",
                "/api/articles/../../../../etc/passwd",
                "/api/articles/..%2Fsecret.txt",
                "/api/articles/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
                "/api/articles/%2e%2e%2fsecret.txt",
                "/api/articles/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/api/articles/%2E%2E/secret.txt",
                "/api/articles/.%2e/secret.txt",
                "/api/articles/%2Fetc%2Fpasswd",
                "/api/articles//etc/passwd",
                "/api/articles/%2F%2Fetc%2Fpasswd",
                "/api/articles/..%5Csecret.txt",
                "/api/articles/..%5C..%5C..%5Cetc%5Cpasswd",
                "/api/articles/%5Cetc%5Cpasswd",
                "/api/articles/C:%5CWindows%5Cwin.ini",
                "/api/articles/%252e%252e%252fsecret.txt",
                "/api/articles/..%252Fsecret.txt",
                "/api/articles/%c0%ae%c0%ae%c0%afsecret.txt",
                "/api/articles/003_f221ba18038d1787.txt%00.png",
                "/api/articles/./003_f221ba18038d1787.txt/../../secret.txt",
                "/api/articles/" + RAFAH_FILE + "/..%2F..%2Fsecret.txt",
                "/api/articles/%2e%2e/%2e%2e/secret.txt?start=1&end=1");
    }

    @ParameterizedTest
    @MethodSource("traversalTargets")
    void traversalIsRefusedWithJson4xx(String target) throws Exception {
        Reply r = raw("GET", target, null);
        assertThat(r.status()).as("%s -> %d %s", target, r.status(), r.body()).isNotEqualTo(200);
        assertJsonError(r);
    }

    @ParameterizedTest
    @MethodSource("traversalTargets")
    void traversalThroughHttpClientIsRefusedToo(String target) throws Exception {
        Reply r = send(HttpRequest.newBuilder(URI.create(base + target)).GET());
        assertThat(r.status()).as("%s -> %d %s", target, r.status(), r.body()).isNotEqualTo(200);
        assertNoInternals(r.body());
        if (r.status() != 200) {
            assertJsonError(r);
        }
    }

    // ---------------------------------------------------------------- health, routes, methods

    @Test
    void healthReportsTheIndex() throws Exception {
        Reply r = get("/api/health");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("application/json");
        JsonNode h = r.json();
        assertThat(h.path("status").asText()).isEqualTo("ok");
        assertThat(h.path("articles").asInt()).isEqualTo(5);
        assertThat(h.path("passages").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(h.path("model").asText()).isEqualTo("extractive");
        assertThat(h.path("updated_at").isTextual()).as("updated_at in %s", r.body()).isTrue();
        assertThat(java.time.Instant.parse(h.path("updated_at").asText())).isBeforeOrEqualTo(java.time.Instant.now());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/nope", "/api", "/api/ask/extra",
            "/nothing-here.html", "/api/health/x"})
    void unknownRouteIsJson404(String target) throws Exception {
        Reply r = raw("GET", target, null);
        JsonNode error = assertJsonError(r);
        assertThat(r.status()).as("%s -> %s", target, r.body()).isIn(404, 405);
        if (r.status() == 404) {
            assertThat(error.path("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void unknownRouteViaHttpClientIsJson404() throws Exception {
        JsonNode error = assertJsonError(get("/api/does-not-exist"), 404);
        assertThat(error.path("code").asText()).isEqualTo("not_found");
    }

    static Stream<Arguments> wrongMethods() {
        return Stream.of(
                Arguments.of("GET", "/api/ask"),
                Arguments.of("PUT", "/api/ask"),
                Arguments.of("DELETE", "/api/ask"),
                Arguments.of("POST", "/api/search?q=Gaza"),
                Arguments.of("POST", "/api/health"),
                Arguments.of("DELETE", "/api/articles/" + RAFAH_FILE),
                Arguments.of("PATCH", "/api/health"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongMethods")
    void wrongMethodIsJson405(String method, String target) throws Exception {
        Reply r = send(HttpRequest.newBuilder(URI.create(base + target))
                .method(method, HttpRequest.BodyPublishers.ofString("{}")));
        JsonNode error = assertJsonError(r, 405);
        assertThat(error.path("code").asText()).isEqualTo("method_not_allowed");
        assertThat(r.header("allow")).as("Allow header").isNotBlank();
    }

    @Test
    void requestWithHugeHeaderIsJson4xx() throws Exception {
        Reply r = send(HttpRequest.newBuilder(URI.create(base + "/api/health"))
                .header("X-Big", "y".repeat(40_000)));
        assertJsonError(r, 413, 431, 400);
    }

    // ---------------------------------------------------------------- titles, the article list, files, feedback

    private static final String RAFAH_TITLE = "Hamas Delegation in Cairo for Ceasefire Talks: Positive Spirit to Reach A Deal";

    @Test
    void citationsAndArticlesCarryTheArticlesHeadlineAsTitle() throws Exception {
        JsonNode a = postAsk(askBody(RAFAH_QUESTION)).json();
        JsonNode c = a.path("citations").get(0);
        assertThat(c.path("file").asText()).isEqualTo(RAFAH_FILE);
        // The headline, without the date the page glued before it, never the hashed file name.
        assertThat(c.path("title").asText()).isEqualTo(RAFAH_TITLE);
        assertThat(get("/api/articles/" + RAFAH_FILE + "?start=20&end=22").json().path("title").asText())
                .isEqualTo(RAFAH_TITLE);
        // A refusal's closest passages are titled too.
        for (JsonNode closest : postAsk(askBody("Did Hamas refuse the Egyptian ceasefire proposal in Cairo?")).json()
                .path("citations")) {
            assertThat(closest.path("title").asText()).doesNotEndWith(".txt");
        }
    }

    @Test
    void theArticleListPagesTheCollectionByFileName() throws Exception {
        Reply r = get("/api/articles");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode all = r.json();
        assertThat(all.path("total").asInt()).isEqualTo(5);
        List<String> files = new ArrayList<>();
        all.path("articles").forEach(a -> files.add(a.path("file").asText()));
        assertThat(files).containsExactlyElementsOf(new TreeSet<>(collectionFiles()));
        JsonNode rafah = all.path("articles").get(3);
        assertThat(rafah.path("file").asText()).isEqualTo(RAFAH_FILE);
        assertThat(rafah.path("title").asText()).isEqualTo(RAFAH_TITLE);
        assertThat(rafah.path("lines").asInt()).isEqualTo(fileLines(RAFAH_FILE).size());
        assertThat(rafah.path("passages").asInt()).isPositive();
        assertThat(java.time.Instant.parse(rafah.path("indexed_at").asText()))
                .isBeforeOrEqualTo(java.time.Instant.now());
        assertThat(all.path("articles").get(0).path("title").asText())
                .isEqualTo("Hamas will not send delegation to Cairo at the moment: Source");

        JsonNode page = get("/api/articles?offset=2&limit=2").json();
        assertThat(page.path("total").asInt()).isEqualTo(5);
        assertThat(page.path("articles")).extracting(n -> n.path("file").asText())
                .containsExactlyElementsOf(files.subList(2, 4));
        JsonNode past = get("/api/articles?offset=9").json();
        assertThat(past.path("articles")).isEmpty();
        assertThat(past.path("total").asInt()).isEqualTo(5);
        // Javalin forgives a trailing slash; the list is the same.
        assertThat(get("/api/articles/").json().path("total").asInt()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"offset=-1", "limit=0", "limit=201", "limit=abc", "offset=1.5", "offset=99999999999"})
    void theArticleListRefusesBadPaging(String query) throws Exception {
        JsonNode error = assertJsonError(get("/api/articles?" + query), 400);
        assertThat(error.path("message").asText()).containsAnyOf("offset", "limit");
    }

    @Test
    void anAskLimitedToFilesCitesOnlyThose() throws Exception {
        String only = "001_3cabf72616562acd.txt";
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("question", "Did the Hamas delegation leave Cairo?");
        body.putArray("files").add(only);
        body.put("top_k", 10);
        JsonNode a = postAsk(body.toString()).json();
        assertAnswerContract(a);
        assertThat(a.path("citations")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.path("file").asText()).isEqualTo(only));
        // The Rafah question, answered from 003 over the whole collection, looks only in 001 when told to.
        ObjectNode rafah = Json.MAPPER.createObjectNode();
        rafah.put("question", RAFAH_QUESTION);
        assertThat(postAsk(rafah.toString()).json().path("citations").get(0).path("file").asText())
                .isEqualTo(RAFAH_FILE);
        rafah.putArray("files").add(only);
        JsonNode limited = postAsk(rafah.toString()).json();
        assertThat(limited.path("answer").asText()).doesNotContain("1.5 million");
        limited.path("citations").forEach(c -> assertThat(c.path("file").asText()).isEqualTo(only));
    }

    static Stream<Arguments> badFiles() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("\"f" + i + ".txt\"");
        }
        return Stream.of(
                Arguments.of("\"003_f221ba18038d1787.txt\"", "array"),
                Arguments.of("[\"nope.txt\"]", "not in the index"),
                Arguments.of("[\"../secret.txt\"]", "inside the collection"),
                Arguments.of("[\"/etc/passwd\"]", "inside the collection"),
                Arguments.of("[\"a/../../secret.txt\"]", "inside the collection"),
                Arguments.of("[42]", "inside the collection"),
                Arguments.of("[null]", "inside the collection"),
                Arguments.of("[" + String.join(",", many) + "]", "at most 100"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void anAskWithBadFilesIsA400(String files, String says) throws Exception {
        Reply r = postAsk("{\"question\": \"Who met Hamas in Cairo?\", \"files\": " + files + "}");
        JsonNode error = assertJsonError(r, 400);
        assertThat(error.path("message").asText()).contains(says);
        assertNoInternals(r.body());
    }

    private Reply postFeedback(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/feedback"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    @Test
    void feedbackIsAppendedBesideTheIndexAndCounted() throws Exception {
        Path file = footnote.config().index().resolve(FeedbackLog.FILE_NAME);
        long before = Files.exists(file) ? Files.readAllLines(file).size() : 0;
        JsonNode a = postAsk(askBody(RAFAH_QUESTION)).json();
        ObjectNode verdict = Json.MAPPER.createObjectNode();
        verdict.put("question", RAFAH_QUESTION);
        verdict.put("answer", a.path("answer").asText());
        verdict.put("verdict", "down");
        verdict.put("conversation_id", a.path("conversation_id").asText());
        Reply r = postFeedback(verdict.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        verdict.put("verdict", "up");
        assertThat(postFeedback(verdict.toString()).status()).isEqualTo(204);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize((int) before + 2);
        JsonNode last = Json.MAPPER.readTree(lines.getLast());
        assertThat(last.path("question").asText()).isEqualTo(RAFAH_QUESTION);
        assertThat(last.path("answer").asText()).isEqualTo(a.path("answer").asText());
        assertThat(last.path("verdict").asText()).isEqualTo("up");
        assertThat(last.path("conversation_id").asText()).isEqualTo(a.path("conversation_id").asText());
        assertThat(java.time.Instant.parse(last.path("at").asText())).isBeforeOrEqualTo(java.time.Instant.now());
        String metrics = get("/metrics").body();
        assertThat(metrics).containsPattern("footnote_feedback_total\\{verdict=\"up\"} [1-9]")
                .containsPattern("footnote_feedback_total\\{verdict=\"down\"} [1-9]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"answer\": \"a\", \"verdict\": \"up\"}",
            "{\"question\": \"q\", \"verdict\": \"up\"}", "{\"question\": \"q\", \"answer\": \"a\"}",
            "{\"question\": \"q\", \"answer\": \"a\", \"verdict\": \"meh\"}",
            "{\"question\": 7, \"answer\": \"a\", \"verdict\": \"up\"}",
            "{\"question\": \" \", \"answer\": \"a\", \"verdict\": \"up\"}",
            "{\"question\": \"q\", \"answer\": \"a\", \"verdict\": \"up\", \"conversation_id\": 5}"})
    void badFeedbackIsA400AndRecordsNothing(String body) throws Exception {
        Path file = footnote.config().index().resolve(FeedbackLog.FILE_NAME);
        long before = Files.exists(file) ? Files.size(file) : 0;
        JsonNode error = assertJsonError(postFeedback(body), 400);
        assertThat(error.path("code").asText()).isEqualTo("invalid_request");
        assertThat(Files.exists(file) ? Files.size(file) : 0).isEqualTo(before);
    }

    @Test
    void tooLongFeedbackIsRefusedAndAFullFileKeepsItsLines(@TempDir Path elsewhere) throws Exception {
        ObjectNode verdict = Json.MAPPER.createObjectNode();
        verdict.put("question", "q");
        verdict.put("answer", "a".repeat(Feedback.MAX_ANSWER_CHARS + 1));
        verdict.put("verdict", "up");
        assertThat(assertJsonError(postFeedback(verdict.toString()), 400).path("message").asText())
                .contains("answer must be at most");

        dev.footnote.ask.Library beside = new dev.footnote.ask.Library() {
            @Override
            public dev.footnote.index.IndexStats stats() throws IOException {
                return footnote.stats();
            }

            @Override
            public java.util.Optional<dev.footnote.corpus.Article> article(String file) throws IOException {
                return footnote.article(file);
            }

            @Override
            public java.util.Optional<dev.footnote.index.FolderWatcher> watcher() {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<Path> indexFolder() {
                return java.util.Optional.of(elsewhere);
            }
        };
        FootnoteServer small = new FootnoteServer(footnote.service(), beside).withFeedbackLimit(300)
                .start("127.0.0.1", 0);
        try {
            verdict.put("answer", "Around 1.5 million [1].");
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + small.port()
                    + "/api/feedback")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(verdict.toString()));
            assertThat(send(post).status()).isEqualTo(204);
            assertThat(send(post).status()).isEqualTo(204);
            Reply full = send(post);
            assertThat(full.status()).isEqualTo(503);
            assertThat(full.json().path("error").path("code").asText()).isEqualTo("feedback_full");
            assertThat(Files.readAllLines(elsewhere.resolve(FeedbackLog.FILE_NAME))).hasSize(2)
                    .allSatisfy(l -> assertThat(Json.MAPPER.readTree(l).path("verdict").asText()).isEqualTo("up"));
        } finally {
            small.stop();
        }
    }

    /** A refusal says which rule refused it and why, in the answer object; an answer has none. */
    @Test
    void aRefusalNamesTheGateThatRefusedIt() throws Exception {
        Reply r = postAsk(askBody("How old is Hossam Badran?"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode refused = r.json();
        assertAnswerContract(refused);
        assertThat(refused.path("answered").asBoolean()).as(r.body()).isFalse();
        assertThat(refused.path("refusal").path("gate").asText()).as(r.body()).isEqualTo("answer_kind");
        assertThat(refused.path("refusal").path("detail").asText()).as(r.body()).isEqualTo(
                "no passage found gives an age for it");
        JsonNode answered = postAsk(askBody(RAFAH_QUESTION)).json();
        assertThat(answered.path("answered").asBoolean()).isTrue();
        assertThat(answered.has("refusal")).isTrue();
        assertThat(answered.path("refusal").isNull()).isTrue();
    }

    /**
     * The extractive answer says how likely its first sentence answers the question, a probability its first
     * citation's score repeats; a refusal before any sentence was scored has none.
     */
    @Test
    void anAnswerGivesItsConfidence() throws Exception {
        JsonNode answered = postAsk(askBody(RAFAH_QUESTION)).json();
        assertThat(answered.path("answered").asBoolean()).as(answered.toString()).isTrue();
        double confidence = answered.path("confidence").asDouble(-1);
        assertThat(confidence).as(answered.toString()).isBetween(0.0, 1.0);
        assertThat(answered.path("citations").get(0).path("score").asDouble()).isEqualTo(confidence);
        JsonNode refused = postAsk(askBody("How old is Hossam Badran?")).json();
        assertThat(refused.has("confidence")).isTrue();
        assertThat(refused.path("confidence").isNull()).as(refused.toString()).isTrue();
    }

    /**
     * A short answer names the citation that backs it, and every further sentence of the answer says it again; a
     * question that asks for no name has neither field set.
     */
    @Test
    void aShortAnswerNamesItsCitation() throws Exception {
        JsonNode a = postAsk(askBody("Which Egyptian official met the Hamas delegation?")).json();
        assertThat(a.path("short_answer").asText()).as(a.toString()).endsWith("Abbas Kamel");
        int id = a.path("short_answer_citation").asInt(-1);
        JsonNode backing = null;
        for (JsonNode c : a.path("citations")) {
            if (c.path("id").asInt() == id) {
                backing = c;
            }
        }
        assertThat(backing).as(a.toString()).isNotNull();
        assertThat(backing.path("quote").asText()).contains(a.path("short_answer").asText());
        for (JsonNode sentence : a.path("sentences")) {
            assertThat(sentence.path("text").asText()).as(a.toString()).contains("Kamel");
        }
        JsonNode why = postAsk(askBody("Why did the Hamas delegation go to Cairo?")).json();
        assertThat(why.has("short_answer_citation")).as(why.toString()).isTrue();
        assertThat(why.path("short_answer_citation").isNull()).as(why.toString()).isTrue();
    }

    @Test
    void healthNamesTheEmbeddedBackend() throws Exception {
        JsonNode backend = get("/api/health").json().path("backend");
        assertThat(backend.path("kind").asText()).as(backend.toString()).isEqualTo("lucene");
        assertThat(backend.has("collection")).as("no collection for the embedded index").isFalse();
    }
}
