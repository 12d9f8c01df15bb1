package io.llmstream.adapter.llm.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmstream.upstream.ErrorBodies;
import io.llmstream.adapter.llm.http.EventDecoder;
import io.llmstream.upstream.Json;
import io.llmstream.adapter.llm.sse.SseEvent;
import io.llmstream.adapter.llm.sse.SseParser;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.LlmException.Code;
import io.llmstream.core.port.LlmException;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decodes Messages API events: {@code text_delta} as text, {@code thinking_delta} as reasoning, other
 * block types ignored, usage from {@code message_start} and {@code message_delta}, the stop reason,
 * {@code error} events, and {@code message_stop} as the end. Unknown event types are ignored, as
 * Anthropic's versioning policy asks.
 */
final class AnthropicEventDecoder implements EventDecoder {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final String provider;
    private final SseParser parser;
    private Integer inputTokens;
    private Integer outputTokens;
    private String stopReason;
    private boolean done;

    AnthropicEventDecoder(String provider, int maxLineBytes) {
        this.provider = provider;
        this.parser = new SseParser(maxLineBytes);
    }

    @Override
    public void feed(byte[] bytes, int offset, int length, Consumer<LlmEvent> events) {
        parser.feed(bytes, offset, length, event -> onEvent(event, events));
    }

    @Override
    public void end(Consumer<LlmEvent> events) {
        parser.end();
        if (!done) {
            throw new LlmException(Code.TRUNCATED, provider + " ended the stream without message_stop");
        }
    }

    private void onEvent(SseEvent event, Consumer<LlmEvent> events) {
        if (done) {
            return;
        }
        JsonNode node = parse(event.data());
        String type = node.path("type").asText(event.type());
        switch (type) {
            case "message_start" -> readUsage(node.path("message").path("usage"));
            case "content_block_start" -> emitBlockStart(node.path("content_block"), events);
            case "content_block_delta" -> emitDelta(node.path("delta"), events);
            case "message_delta" -> {
                JsonNode reason = node.path("delta").path("stop_reason");
                if (reason.isTextual()) {
                    stopReason = reason.asText();
                }
                readUsage(node.path("usage"));
            }
            case "message_stop" -> {
                done = true;
                events.accept(new LlmEvent.Finished(stopReason == null ? "unknown" : stopReason, usage()));
            }
            case "error" -> {
                String message = ErrorBodies.fromJson(node);
                throw new LlmException(Code.UPSTREAM_ERROR, provider + " reported an error in the stream: "
                        + (message == null ? event.data() : message));
            }
            default -> {
                // ping, content_block_stop and event types added after this was written
            }
        }
    }

    private static void emitBlockStart(JsonNode block, Consumer<LlmEvent> events) {
        String blockType = block.path("type").asText("");
        if (blockType.equals("text")) {
            emit(block.path("text"), events, false);
        } else if (blockType.equals("thinking")) {
            emit(block.path("thinking"), events, true);
        }
    }

    private static void emitDelta(JsonNode delta, Consumer<LlmEvent> events) {
        switch (delta.path("type").asText("")) {
            case "text_delta" -> emit(delta.path("text"), events, false);
            case "thinking_delta" -> emit(delta.path("thinking"), events, true);
            default -> {
                // input_json_delta, signature_delta, citations_delta: not answer text
            }
        }
    }

    private static void emit(JsonNode text, Consumer<LlmEvent> events, boolean reasoning) {
        if (text.isTextual() && !text.asText().isEmpty()) {
            events.accept(reasoning ? new LlmEvent.ReasoningDelta(text.asText()) : new LlmEvent.TextDelta(text.asText()));
        }
    }

    private void readUsage(JsonNode usage) {
        if (usage.path("input_tokens").canConvertToInt() && usage.path("input_tokens").isNumber()) {
            inputTokens = usage.path("input_tokens").asInt();
        }
        if (usage.path("output_tokens").canConvertToInt() && usage.path("output_tokens").isNumber()) {
            outputTokens = usage.path("output_tokens").asInt();
        }
    }

    private Optional<TokenUsage> usage() {
        if (inputTokens == null && outputTokens == null) {
            return Optional.empty();
        }
        return Optional.of(new TokenUsage(inputTokens == null ? 0 : inputTokens, outputTokens == null ? 0 : outputTokens));
    }

    private JsonNode parse(String data) {
        try {
            JsonNode node = MAPPER.readTree(data);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            String excerpt = data.length() <= 120 ? data : data.substring(0, 120) + "...";
            throw new LlmException(Code.MALFORMED_STREAM, provider + " sent an event that is not a JSON object: "
                    + excerpt, e);
        }
    }
}
