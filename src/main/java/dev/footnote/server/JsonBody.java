package dev.footnote.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.footnote.json.Json;

/** A request body that must be a JSON object; anything else is a 400 that says what the route expects. */
final class JsonBody {

    private JsonBody() {
    }

    /** {@code body} as a JSON object; {@code holding} completes "a JSON object with …" in the error. */
    static JsonNode object(String body, String holding) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalid("the request body must be a JSON object with " + holding);
        }
        return node;
    }
}
