package io.llmstream.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The gist of an error body for a failure's message: the provider's error message from JSON, or the plain text on one
 * line, shortened, so that a provider's HTML error page does not flood a client's error event.
 */
public final class ErrorBodies {

    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_MESSAGE_CHARS = 300;
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private ErrorBodies() {
    }

    /**
     * The gist of at most {@value #MAX_BODY_BYTES} bytes of {@code body}, which stays open; a body that cannot be
     * read is named as such, since the status it came with is the failure worth reporting.
     */
    public static String gist(InputStream body) {
        try {
            return gist(new String(body.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "(body unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * The message of an error body: {@code {"error":{"message":..,"type":..}}} (OpenAI, Anthropic),
     * {@code {"error":".."}} (Ollama), {@code {"message":".."}}, or the text itself.
     */
    static String gist(String body) {
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            return "(empty body)";
        }
        if (trimmed.startsWith("{")) {
            try {
                String fromJson = fromJson(MAPPER.readTree(trimmed));
                if (fromJson != null) {
                    return shorten(fromJson);
                }
            } catch (IOException notJson) {
                // falls through to the plain text
            }
        }
        return shorten(trimmed.replaceAll("\\s+", " "));
    }

    /** The message of an error object sent inside a stream, or null when {@code node} carries none. */
    public static String fromJson(JsonNode node) {
        JsonNode error = node.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        if (error.isObject()) {
            String message = error.path("message").asText("");
            String type = error.hasNonNull("type") ? error.path("type").asText() : error.path("code").asText("");
            if (message.isEmpty()) {
                message = error.toString();
            }
            return type.isEmpty() ? message : message + " (" + type + ")";
        }
        JsonNode message = node.path("message");
        return message.isTextual() ? message.asText() : null;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
