package io.llmstream.adapter.llm.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.upstream.Json;
import io.llmstream.adapter.llm.http.JsonParameters;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.PromptMessage;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Maps a completion request to an {@code /api/chat} body: the request-level keys {@code format},
 * {@code keep_alive} and {@code think} go on the top level, every other parameter into {@code options}.
 */
final class OllamaRequestMapper {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final Set<String> TOP_LEVEL = Set.of("format", "keep_alive", "think");
    private static final Set<String> RESERVED = Set.of("model", "messages", "stream");

    private OllamaRequestMapper() {
    }

    static byte[] body(String model, CompletionRequest request) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", model);
        ArrayNode messages = root.putArray("messages");
        for (PromptMessage message : request.messages()) {
            messages.addObject().put("role", message.role().wireName()).put("content", message.content());
        }
        root.put("stream", true);
        Map<String, String> topLevel = new HashMap<>();
        Map<String, String> options = new HashMap<>();
        request.parameters().forEach((key, value) -> {
            if (!RESERVED.contains(key)) {
                (TOP_LEVEL.contains(key) ? topLevel : options).put(key, value);
            }
        });
        JsonParameters.putAll(MAPPER, root, topLevel, Set.of());
        if (!options.isEmpty()) {
            JsonParameters.putAll(MAPPER, root.putObject("options"), options, Set.of());
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
