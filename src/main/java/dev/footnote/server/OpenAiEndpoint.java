package dev.footnote.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.answer.Answer;
import dev.footnote.answer.Citation;
import dev.footnote.answer.Fallback;
import dev.footnote.ask.AskService;
import dev.footnote.conversation.Conversations;
import dev.footnote.conversation.Turn;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Footnote as an OpenAI-compatible model: {@code POST /v1/chat/completions}, plain and {@code stream: true}, and
 * {@code GET /v1/models}, so any OpenAI client or chat front end can ask it. The last user message is the
 * question and the earlier user and assistant messages are the conversation (a follow-up is made standalone
 * from them; nothing is kept on the server). System messages are ignored: Footnote answers from the articles.
 * The reply's content is the checked answer with its {@code [n]} markers followed by numbered footnotes, and
 * the same citations come structured in a {@code citations} field.
 */
final class OpenAiEndpoint {

    static final String MODEL_ID = "footnote";
    /** The footnote lines this class appends; taken off again when an earlier reply comes back as history. */
    private static final Pattern FOOTNOTE = Pattern.compile("(?m)^\\[\\d+] \\S+:\\d+(?:-\\d+)? .*$");

    private final AskService service;

    OpenAiEndpoint(AskService service) {
        this.service = service;
    }

    /** The parsed request: the question, the conversation before it, and whether to stream. */
    record Request(String question, List<Turn> history, boolean stream, String model) {
    }

    record Message(String role, String content) {
    }

    record Choice(int index, Message message, String finishReason) {
    }

    record Usage(int promptTokens, int completionTokens, int totalTokens) {
    }

    /** A chat.completion, with Footnote's additions: the checked citations, whether it answered, what it searched. */
    record Completion(String id, String object, long created, String model, List<Choice> choices, Usage usage,
            List<Citation> citations, boolean answered, String searchQuery, Fallback fallback) {
    }

    record ModelCard(String id, String object, long created, String ownedBy) {
    }

    record ModelList(String object, List<ModelCard> data) {
    }

    void models(Context ctx) {
        ctx.json(new ModelList("list", List.of(new ModelCard(MODEL_ID, "model", 0, MODEL_ID))));
    }

    /** @param heartbeat how long a stream may send nothing before a comment line goes out */
    void complete(Context ctx, Duration heartbeat) throws IOException {
        Request request = parse(ctx.body(), service.limits().maxQuestionChars());
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        String model = request.model() == null ? MODEL_ID : request.model();
        if (!request.stream()) {
            Answer a = service
                    .askWithHistory(request.question(), request.history(), service.limits().defaultTopK(), null)
                    .answer();
            ctx.json(new Completion(id, "chat.completion", created, model,
                    List.of(new Choice(0, new Message("assistant", a.answer() + footnotes(a.citations())), "stop")),
                    new Usage(0, 0, 0), a.citations(), a.answered(), a.searchQuery(), a.fallback()));
            return;
        }
        EventStream events = new EventStream(ctx, heartbeat);
        AskService.AnswerStream stream = new AskService.AnswerStream() {
            private boolean first = true;

            @Override
            public void text(String segment) throws IOException {
                Map<String, Object> delta = new LinkedHashMap<>();
                if (first) {
                    delta.put("role", "assistant");
                    first = false;
                }
                delta.put("content", segment);
                events.event(null, chunk(id, created, model, delta, null, null));
            }

            @Override
            public void heartbeat() throws IOException {
                events.heartbeat();
            }

            @Override
            public void restart(Fallback why) throws IOException {
                // A chat client only appends, so say in the text itself that what follows replaces it.
                text("\n\n(" + why.message() + "; the offline answer follows.)\n\n");
            }
        };
        FootnoteServer.streamed(events, () -> {
            Answer a = service
                    .askWithHistory(request.question(), request.history(), service.limits().defaultTopK(), stream)
                    .answer();
            String notes = footnotes(a.citations());
            if (!notes.isEmpty()) {
                stream.text(notes);
            }
            Map<String, Object> last = chunk(id, created, model, Map.of(), "stop", a);
            events.event(null, last);
            events.data("[DONE]");
        });
    }

    private static Map<String, Object> chunk(String id, long created, String model, Map<String, Object> delta,
            String finishReason, Answer answer) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        chunk.put("choices", List.of(choice));
        if (answer != null) {
            chunk.put("citations", answer.citations());
            chunk.put("answered", answer.answered());
            chunk.put("search_query", answer.searchQuery());
            chunk.put("fallback", answer.fallback());
        }
        return chunk;
    }

    /** The citations as numbered footnotes under the answer: {@code [1] file:21 "quote"}. */
    static String footnotes(List<Citation> citations) {
        if (citations.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n");
        for (Citation c : citations) {
            out.append('\n').append('[').append(c.id()).append("] ").append(c.file()).append(':').append(c.lines())
                    .append(" \"").append(c.quoteLine(Integer.MAX_VALUE)).append('"');
        }
        return out.toString();
    }

    static Request parse(String body, int maxQuestion) {
        JsonNode node = JsonBody.object(body, "\"messages\"");
        JsonNode messages = node.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiException.invalid("messages must be a non-empty array");
        }
        JsonNode stream = node.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw ApiException.invalid("stream must be true or false");
        }
        JsonNode model = node.get("model");
        if (model != null && !model.isNull() && (!model.isTextual() || model.asText().length() > 200)) {
            throw ApiException.invalid("model must be a string");
        }
        List<Message> parsed = new ArrayList<>();
        for (JsonNode m : messages) {
            if (!m.isObject() || !m.path("role").isTextual()) {
                throw ApiException.invalid("each message must be an object with a \"role\"");
            }
            parsed.add(new Message(m.get("role").asText(), text(m.get("content"))));
        }
        Message last = parsed.get(parsed.size() - 1);
        if (!last.role().equals("user")) {
            throw ApiException.invalid("the last message must be the user's question");
        }
        String question = last.content().strip();
        if (question.isEmpty()) {
            throw ApiException.invalid("the last user message must not be empty");
        }
        if (question.length() > maxQuestion) {
            throw new ApiException(413, "question_too_long",
                    "the question must be at most " + maxQuestion + " characters");
        }
        // Earlier user questions paired with the replies that followed them.
        List<Turn> history = new ArrayList<>();
        String asked = null;
        for (Message m : parsed.subList(0, parsed.size() - 1)) {
            if (m.role().equals("user") && !m.content().isBlank()) {
                asked = clip(m.content().strip(), maxQuestion);
            } else if (m.role().equals("assistant") && asked != null) {
                history.add(new Turn(asked, asked,
                        clip(FOOTNOTE.matcher(m.content()).replaceAll("").strip(), maxQuestion)));
                asked = null;
            }
        }
        if (history.size() > Conversations.DEFAULT_TURNS) {
            history = history.subList(history.size() - Conversations.DEFAULT_TURNS, history.size());
        }
        return new Request(question, List.copyOf(history), stream != null && stream.asBoolean(),
                model == null || model.isNull() ? null : model.asText());
    }

    /** A message's text: a string, or the text parts of an array of content parts. */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode part : content) {
                if (part.path("type").asText().equals("text") && part.path("text").isTextual()) {
                    if (!out.isEmpty()) {
                        out.append('\n');
                    }
                    out.append(part.get("text").asText());
                }
            }
            return out.toString();
        }
        throw ApiException.invalid("message content must be a string or an array of content parts");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
