package io.llmstream.adapter.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.upstream.Json;
import io.llmstream.adapter.llm.http.JsonParameters;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.PromptMessage;
import java.io.UncheckedIOException;
import java.util.Set;

/** Maps a completion request to the chat-completions JSON body. */
final class OpenAiRequestMapper {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final Set<String> RESERVED = Set.of("model", "messages", "stream", "stream_options");

    private OpenAiRequestMapper() {
    }

    static byte[] body(String model, CompletionRequest request) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", model);
        ArrayNode messages = root.putArray("messages");
        for (PromptMessage message : request.messages()) {
            messages.addObject().put("role", message.role().wireName()).put("content", message.content());
        }
        root.put("stream", true);
        root.putObject("stream_options").put("include_usage", true);
        JsonParameters.putAll(MAPPER, root, request.parameters(), RESERVED);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
