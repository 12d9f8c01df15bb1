package io.llmstream.adapter.llm.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmstream.upstream.ErrorBodies;
import io.llmstream.adapter.llm.http.EventDecoder;
import io.llmstream.upstream.Json;
import io.llmstream.adapter.llm.sse.NdjsonFramer;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.LlmException.Code;
import io.llmstream.core.port.LlmException;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decodes {@code /api/chat} lines: {@code message.content} as text, {@code message.thinking} as
 * reasoning, {@code error} lines, and the {@code done: true} line with {@code done_reason} and the
 * token counts {@code prompt_eval_count} / {@code eval_count}.
 */
final class OllamaEventDecoder implements EventDecoder {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final String provider;
    private final NdjsonFramer framer;
    private boolean done;

    OllamaEventDecoder(String provider, int maxLineBytes) {
        this.provider = provider;
        this.framer = new NdjsonFramer(maxLineBytes);
    }

    @Override
    public void feed(byte[] bytes, int offset, int length, Consumer<LlmEvent> events) {
        framer.feed(bytes, offset, length, line -> onLine(line, events, false));
    }

    @Override
    public void end(Consumer<LlmEvent> events) {
        framer.end(line -> onLine(line, events, true));
        if (!done) {
            throw new LlmException(Code.TRUNCATED, provider + " ended the stream without a line with \"done\": true");
        }
    }

    private void onLine(String line, Consumer<LlmEvent> events, boolean last) {
        if (done) {
            return;
        }
        JsonNode node = parse(line, last);
        if (node.hasNonNull("error")) {
            throw new LlmException(Code.UPSTREAM_ERROR, provider + " reported an error in the stream: "
                    + ErrorBodies.fromJson(node));
        }
        JsonNode message = node.path("message");
        emit(message.path("thinking"), events, true);
        emit(message.path("content"), events, false);
        if (node.path("done").asBoolean(false)) {
            done = true;
            events.accept(new LlmEvent.Finished(node.path("done_reason").asText("stop"), usage(node)));
        }
    }

    private static Optional<TokenUsage> usage(JsonNode node) {
        if (!node.has("prompt_eval_count") && !node.has("eval_count")) {
            return Optional.empty();
        }
        return Optional.of(new TokenUsage(node.path("prompt_eval_count").asInt(0), node.path("eval_count").asInt(0)));
    }

    private static void emit(JsonNode text, Consumer<LlmEvent> events, boolean reasoning) {
        if (text.isTextual() && !text.asText().isEmpty()) {
            events.accept(reasoning ? new LlmEvent.ReasoningDelta(text.asText()) : new LlmEvent.TextDelta(text.asText()));
        }
    }

    private JsonNode parse(String line, boolean last) {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            String excerpt = line.length() <= 120 ? line : line.substring(0, 120) + "...";
            if (last) {
                throw new LlmException(Code.TRUNCATED, provider + " ended the stream inside a line: " + excerpt, e);
            }
            throw new LlmException(Code.MALFORMED_STREAM, provider + " sent a line that is not a JSON object: "
                    + excerpt, e);
        }
    }
}
