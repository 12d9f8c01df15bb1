package io.llmstream.adapter.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmstream.adapter.llm.http.ErrorBodies;
import io.llmstream.adapter.llm.http.EventDecoder;
import io.llmstream.adapter.llm.sse.SseEvent;
import io.llmstream.adapter.llm.sse.SseParser;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decodes chat-completion chunks: {@code delta.content} as text, {@code delta.reasoning_content} (or
 * {@code delta.reasoning}) as reasoning, the last {@code finish_reason}, the usage chunk, an error
 * object sent inside the stream, and {@code [DONE]}. A stream that ends without {@code [DONE]} still
 * finishes when a finish reason came (some servers omit it); without either it is truncated.
 */
final class OpenAiEventDecoder implements EventDecoder {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DONE = "[DONE]";

    private final String provider;
    private final SseParser parser;
    private String finishReason;
    private TokenUsage usage;
    private boolean done;

    OpenAiEventDecoder(String provider, int maxLineBytes) {
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
        if (done) {
            return;
        }
        if (finishReason == null) {
            throw new LlmException(Code.TRUNCATED,
                    provider + " ended the stream without [DONE] and without a finish reason");
        }
        finish(events);
    }

    private void onEvent(SseEvent event, Consumer<LlmEvent> events) {
        if (done) {
            return;
        }
        String data = event.data();
        if (data.equals(DONE)) {
            finish(events);
            return;
        }
        JsonNode chunk = parse(data);
        if (event.type().equals("error") || chunk.hasNonNull("error")) {
            String message = ErrorBodies.fromJson(chunk);
            throw new LlmException(Code.UPSTREAM_ERROR, provider + " reported an error in the stream: "
                    + (message == null ? data : message));
        }
        JsonNode choice = firstChoice(chunk.path("choices"));
        if (choice != null) {
            JsonNode delta = choice.path("delta");
            // some servers send the same reasoning under both names; the older name wins
            JsonNode reasoning = delta.path("reasoning_content");
            emitText(reasoning.isTextual() ? reasoning : delta.path("reasoning"), events, true);
            emitText(delta.path("content"), events, false);
            JsonNode reason = choice.path("finish_reason");
            if (reason.isTextual()) {
                finishReason = reason.asText();
            }
        }
        JsonNode usageNode = chunk.path("usage");
        if (usageNode.isObject()) {
            usage = new TokenUsage(usageNode.path("prompt_tokens").asInt(0),
                    usageNode.path("completion_tokens").asInt(0));
        }
    }

    private static JsonNode firstChoice(JsonNode choices) {
        if (!choices.isArray()) {
            return null;
        }
        for (JsonNode choice : choices) {
            if (choice.path("index").asInt(0) == 0) {
                return choice;
            }
        }
        return null;
    }

    private static void emitText(JsonNode node, Consumer<LlmEvent> events, boolean reasoning) {
        if (node.isTextual() && !node.asText().isEmpty()) {
            events.accept(reasoning ? new LlmEvent.ReasoningDelta(node.asText()) : new LlmEvent.TextDelta(node.asText()));
        }
    }

    private void finish(Consumer<LlmEvent> events) {
        done = true;
        events.accept(new LlmEvent.Finished(finishReason == null ? "unknown" : finishReason,
                Optional.ofNullable(usage)));
    }

    private JsonNode parse(String data) {
        try {
            JsonNode node = MAPPER.readTree(data);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new LlmException(Code.MALFORMED_STREAM, provider + " sent an event that is not a JSON object: "
                    + excerpt(data), e);
        }
    }

    static String excerpt(String data) {
        return data.length() <= 120 ? data : data.substring(0, 120) + "...";
    }
}
