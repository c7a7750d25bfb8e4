package dev.footnote.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Footnote as an OpenAI-compatible model, asked through LangChain4j's real OpenAI client (plain and streaming):
 * once answering extractively, once with a language model behind it (a stand-in Ollama server).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiEndpointTest {

    private static final String F003 = "003_f221ba18038d1787.txt";
    private static final String RAFAH = "How many Palestinians have sought refuge in Rafah?";

    private Footnote footnote;
    private FootnoteServer extractive;
    private FootnoteServer withModel;
    private ModelStandIn ollama;
    private List<String> lines003;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        Path articles = temp.resolve("articles");
        SampleArticles.copyTo(articles);
        lines003 = Files.readAllLines(articles.resolve(F003));
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")), line -> {});
        footnote.sync();
        extractive = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);

        ollama = new ModelStandIn(Provider.OLLAMA);
        ModelSettings settings = ModelSettings.resolve(Provider.OLLAMA, "llama3.2", ollama.baseUrl(), 5, 0, 400, false,
                Path.of("prompts"), name -> null);
        Retriever retriever = new Retriever(footnote.index());
        AskService service = new AskService(retriever, new ExtractiveAnswerer(),
                new CitationChecker(footnote.index()), LanguageModels.create(settings),
                Prompts.load(Path.of("prompts"), CitationChecker.REFUSAL), false, new Conversations(), Limits.DEFAULTS);
        withModel = new FootnoteServer(service, footnote).start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() throws IOException {
        extractive.stop();
        withModel.stop();
        ollama.close();
        footnote.close();
    }

    private static String v1(FootnoteServer server) {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    private static ChatModel client(FootnoteServer server) {
        return OpenAiChatModel.builder().baseUrl(v1(server)).apiKey("any").modelName("footnote")
                .timeout(Duration.ofSeconds(20)).maxRetries(0).build();
    }

    private record Streamed(List<String> pieces, ChatResponse response) {
    }

    private static Streamed stream(FootnoteServer server, List<dev.langchain4j.data.message.ChatMessage> messages)
            throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(v1(server)).apiKey("any")
                .modelName("footnote").timeout(Duration.ofSeconds(20)).build();
        List<String> pieces = new ArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(ChatRequest.builder().messages(messages).build(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                pieces.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return new Streamed(pieces, done.get(30, TimeUnit.SECONDS));
    }

    private static JsonNode rawBody(ChatResponse response) throws IOException {
        return Json.MAPPER.readTree(((OpenAiChatResponseMetadata) response.metadata()).rawHttpResponse().body());
    }

    @Test
    void anOpenAiClientGetsTheAnswerWithFootnotesAndStructuredCitations() throws Exception {
        ChatResponse response = client(extractive).chat(ChatRequest.builder()
                .messages(UserMessage.from(RAFAH)).build());
        String text = response.aiMessage().text();
        assertThat(text).startsWith("Around 1.5 million Palestinians have sought refuge in the city");
        assertThat(text).contains(" [1]\n\n[1] " + F003 + ":21 \"" + lines003.get(20) + "\"");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);

        JsonNode body = rawBody(response);
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("model").asText()).isEqualTo("footnote");
        assertThat(body.path("answered").asBoolean()).isTrue();
        JsonNode c = body.path("citations").get(0);
        assertThat(c.path("id").asInt()).isEqualTo(1);
        assertThat(c.path("file").asText()).isEqualTo(F003);
        assertThat(c.path("start_line").asInt()).isEqualTo(21);
        assertThat(c.path("quote").asText()).isEqualTo(lines003.get(20));
    }

    @Test
    void streamingGivesTheSameTextAndTheCitationsInTheLastChunk() throws Exception {
        String plain = client(extractive).chat(ChatRequest.builder().messages(UserMessage.from(RAFAH)).build())
                .aiMessage().text();
        Streamed streamed = stream(extractive, List.of(UserMessage.from(RAFAH)));
        assertThat(streamed.response().aiMessage().text()).isEqualTo(plain);
        assertThat(String.join("", streamed.pieces())).isEqualTo(plain);
        assertThat(streamed.response().finishReason()).isEqualTo(FinishReason.STOP);

        List<ServerSentEvent> raw = ((OpenAiChatResponseMetadata) streamed.response().metadata()).rawServerSentEvents();
        JsonNode last = null;
        for (ServerSentEvent e : raw) {
            if (e.data().contains("\"citations\"")) {
                last = Json.MAPPER.readTree(e.data());
            }
        }
        assertThat(last).as("a chunk with the citations").isNotNull();
        assertThat(last.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(last.path("citations").get(0).path("quote").asText()).isEqualTo(lines003.get(20));
    }

    @Test
    void earlierMessagesMakeAFollowUpStandalone() throws Exception {
        ChatModel client = client(extractive);
        String first = client.chat(ChatRequest.builder()
                .messages(UserMessage.from("Who did Ismail Haniyeh meet in Turkey?")).build()).aiMessage().text();
        ChatResponse followUp = client.chat(ChatRequest.builder().messages(
                UserMessage.from("Who did Ismail Haniyeh meet in Turkey?"), AiMessage.from(first),
                UserMessage.from("What is his role in Hamas?")).build());
        JsonNode body = rawBody(followUp);
        assertThat(body.path("search_query").asText()).isEqualTo("What is Ismail Haniyeh's role in Hamas?");
        // The standalone question reaches a line about Haniyeh and his place in Hamas.
        assertThat(body.path("citations").get(0).path("quote").asText()).contains("Ismail Haniyeh").contains("Hamas");
    }

    @Test
    void withAModelBehindItTheCheckedAnswerStreamsThrough() throws Exception {
        ollama.script(call -> {
            int n = call.passageWith("1.5 million");
            return ModelStandIn.tokens("Around 1.5 million Palestinians have sought refuge in the city [" + n + "]. "
                    + "Most of them live in tents [12].", 6, Duration.ofMillis(2));
        });
        Streamed streamed = stream(withModel, List.of(UserMessage.from(RAFAH)));
        String text = streamed.response().aiMessage().text();
        assertThat(text).isEqualTo("Around 1.5 million Palestinians have sought refuge in the city [1]. "
                + "Most of them live in tents.\n\n[1] " + F003 + ":21 \"" + lines003.get(20) + "\"");
        assertThat(streamed.pieces().size()).isGreaterThan(1);
        assertThat(ollama.calls()).singleElement().satisfies(c -> assertThat(c.stream()).isTrue());

        ChatResponse plain = client(withModel).chat(ChatRequest.builder().messages(UserMessage.from(RAFAH)).build());
        assertThat(plain.aiMessage().text()).isEqualTo(text);
    }

    @Test
    void aModelFailureIsAnErrorTheClientSees() throws Exception {
        ollama.script(call -> new ModelStandIn.Status(429, "busy"));
        HttpResponse<String> r = post(withModel,
                "{\"model\":\"footnote\",\"messages\":[{\"role\":\"user\",\"content\":\""
                        + RAFAH + "\"}]}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(Json.MAPPER.readTree(r.body()).path("error").path("code").asText()).isEqualTo("model_rate_limited");
    }

    @Test
    void badRequestsAreJsonErrors() throws Exception {
        for (String body : List.of("", "[]", "{}", "{\"messages\": []}", "{\"messages\": \"hi\"}",
                "{\"messages\": [{\"content\": \"hi\"}]}",
                "{\"messages\": [{\"role\": \"assistant\", \"content\": \"hi\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"  \"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": 42}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stream\": \"yes\"}")) {
            HttpResponse<String> r = post(extractive, body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).path("error").path("code").asText()).isEqualTo("invalid_request");
        }
        HttpResponse<String> tooLong = post(extractive, "{\"messages\": [{\"role\": \"user\", \"content\": \""
                + "x".repeat(2001) + "\"}]}");
        assertThat(tooLong.statusCode()).isEqualTo(413);
    }

    @Test
    void contentPartsAndSystemMessagesAreAccepted() throws Exception {
        HttpResponse<String> r = post(extractive, "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"},"
                + "{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"" + RAFAH + "\"}]}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(r.body()).path("choices").get(0).path("message").path("content").asText())
                .contains("[1] " + F003 + ":21");
    }

    @Test
    void modelsListsFootnote() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(v1(extractive) + "/models")).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data").get(0).path("id").asText()).isEqualTo("footnote");
    }

    private static HttpResponse<String> post(FootnoteServer server, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(v1(server) + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
