package dev.footnote.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.ask.Limits;
import dev.footnote.corpus.ArticleFiles;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated {@code POST /api/ask} body. {@code files}, when not empty, are the only articles searched; their
 * names are checked here, and that they are indexed by the server. {@code searchQuery}, when not null, is
 * searched instead of the question made standalone.
 */
public record AskRequest(String question, String conversationId, int topK, String searchQuery, List<String> files) {

    /** The most articles one question may be limited to. */
    public static final int MAX_FILES = 100;

    public AskRequest {
        files = List.copyOf(files);
    }

    /** Parses and checks a request body; every problem is a 400 that says what to fix. */
    public static AskRequest parse(String body, Limits limits) {
        JsonNode node = JsonBody.object(body, "a \"question\"");
        JsonNode q = node.get("question");
        if (q == null || q.isNull()) {
            throw ApiException.invalid("question is required");
        }
        if (!q.isTextual()) {
            throw ApiException.invalid("question must be a string");
        }
        String question = q.asText().strip();
        if (question.isEmpty()) {
            throw ApiException.invalid("question must not be empty");
        }
        if (question.length() > limits.maxQuestionChars()) {
            throw new ApiException(413, "question_too_long",
                    "question must be at most " + limits.maxQuestionChars() + " characters (it has " + question.length()
                            + ")");
        }
        String conversationId = null;
        JsonNode c = node.get("conversation_id");
        if (c != null && !c.isNull()) {
            if (!c.isTextual() || c.asText().length() > 100) {
                throw ApiException.invalid("conversation_id must be a string of at most 100 characters");
            }
            conversationId = c.asText();
        }
        int topK = limits.defaultTopK();
        JsonNode k = node.get("top_k");
        if (k != null && !k.isNull()) {
            if (!k.isIntegralNumber() || !k.canConvertToInt() || !limits.allowsTopK(k.asInt())) {
                throw ApiException.invalid("top_k must be a whole number from 1 to " + limits.maxTopK());
            }
            topK = k.asInt();
        }
        String searchQuery = null;
        JsonNode s = node.get("search_query");
        if (s != null && !s.isNull()) {
            // What to search instead of the question read as a follow-up: the reader's edit, checked like a question.
            if (!s.isTextual()) {
                throw ApiException.invalid("search_query must be a string");
            }
            searchQuery = s.asText().strip();
            if (searchQuery.isEmpty()) {
                throw ApiException.invalid("search_query must not be empty");
            }
            if (searchQuery.length() > limits.maxQuestionChars()) {
                throw new ApiException(413, "question_too_long", "search_query must be at most "
                        + limits.maxQuestionChars() + " characters (it has " + searchQuery.length() + ")");
            }
        }
        return new AskRequest(question, conversationId, topK, searchQuery, files(node.get("files")));
    }

    private static List<String> files(JsonNode f) {
        if (f == null || f.isNull()) {
            return List.of();
        }
        if (!f.isArray()) {
            throw ApiException.invalid("files must be an array of article names, as citations give them");
        }
        if (f.size() > MAX_FILES) {
            throw ApiException.invalid("files may name at most " + MAX_FILES + " articles (it names " + f.size() + ")");
        }
        Set<String> files = new LinkedHashSet<>();
        for (JsonNode name : f) {
            if (!name.isTextual() || !ArticleFiles.isSafeName(name.asText())) {
                throw ApiException.invalid("files must hold article names inside the collection, such as "
                        + "\"003_f221ba18038d1787.txt\"; not " + FootnoteServer.printable(String.valueOf(name)));
            }
            files.add(name.asText());
        }
        return List.copyOf(files);
    }
}
