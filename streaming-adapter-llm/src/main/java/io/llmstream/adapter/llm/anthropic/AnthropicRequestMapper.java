package io.llmstream.adapter.llm.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.upstream.Json;
import io.llmstream.adapter.llm.http.JsonParameters;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.PromptMessage;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps a completion request to a Messages API body: system messages joined into {@code system},
 * the rest in order, {@code max_tokens} from the parameters or {@value #DEFAULT_MAX_TOKENS}.
 */
final class AnthropicRequestMapper {

    static final int DEFAULT_MAX_TOKENS = 4096;
    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final Set<String> RESERVED = Set.of("model", "messages", "stream", "system", "max_tokens");

    private AnthropicRequestMapper() {
    }

    static byte[] body(String model, CompletionRequest request) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", model);
        String maxTokens = request.parameters().get("max_tokens");
        root.set("max_tokens", maxTokens == null ? MAPPER.getNodeFactory().numberNode(DEFAULT_MAX_TOKENS)
                : JsonParameters.valueOf(MAPPER, maxTokens));
        List<String> system = new ArrayList<>();
        ArrayNode messages = MAPPER.createArrayNode();
        for (PromptMessage message : request.messages()) {
            if (message.role() == MessageRole.SYSTEM) {
                system.add(message.content());
            } else {
                messages.addObject().put("role", message.role().wireName()).put("content", message.content());
            }
        }
        if (!system.isEmpty()) {
            root.put("system", String.join("\n\n", system));
        }
        root.set("messages", messages);
        root.put("stream", true);
        JsonParameters.putAll(MAPPER, root, request.parameters(), RESERVED);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
