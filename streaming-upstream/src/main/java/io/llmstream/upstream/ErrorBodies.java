package io.llmstream.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the gist of an HTTP error body: the provider's error message from JSON, or the plain text, shortened. */
public final class ErrorBodies {

    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_MESSAGE_CHARS = 300;
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private ErrorBodies() {
    }

    /** Reads at most {@link #MAX_BODY_BYTES} of the body. */
    public static String read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The message of an error body: {@code {"error":{"message":..,"type":..}}} (OpenAI, Anthropic),
     * {@code {"error":".."}} (Ollama), {@code {"message":".."}}, or the text itself.
     */
    public static String gist(String body) {
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
