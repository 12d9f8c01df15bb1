package io.llmstream.adapter.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.upstream.ErrorBodies;
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

    private static final String DONE = "[DONE]";

    private final String provider;
    private final SseParser parser;
    private final OpenAiChunkReader chunk = new OpenAiChunkReader();
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
        if (event.type().equals("error")) {
            throw upstreamError(parseTree(data), data);
        }
        try {
            chunk.read(data);
        } catch (IOException e) {
            throw malformed(data, e);
        }
        if (chunk.error) {
            throw upstreamError(parseTree(data), data);
        }
        if (chunk.choiceFound) {
            // some servers send the same reasoning under both names; the older name wins
            emitText(chunk.reasoningContent != null ? chunk.reasoningContent : chunk.reasoning, events, true);
            emitText(chunk.content, events, false);
            if (chunk.finishReason != null) {
                finishReason = chunk.finishReason;
            }
        }
        if (chunk.usagePresent) {
            usage = new TokenUsage(chunk.promptTokens, chunk.completionTokens);
        }
    }

    private LlmException upstreamError(JsonNode tree, String data) {
        String message = ErrorBodies.fromJson(tree);
        return new LlmException(Code.UPSTREAM_ERROR, provider + " reported an error in the stream: "
                + (message == null ? data : message));
    }

    private static void emitText(String text, Consumer<LlmEvent> events, boolean reasoning) {
        if (text != null && !text.isEmpty()) {
            events.accept(reasoning ? new LlmEvent.ReasoningDelta(text) : new LlmEvent.TextDelta(text));
        }
    }

    private void finish(Consumer<LlmEvent> events) {
        done = true;
        events.accept(new LlmEvent.Finished(finishReason == null ? "unknown" : finishReason,
                Optional.ofNullable(usage)));
    }

    /** The whole event as a tree, for the rare error event. */
    private JsonNode parseTree(String data) {
        try {
            JsonNode node = OpenAiChunkReader.MAPPER.readTree(data);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw malformed(data, e);
        }
    }

    private LlmException malformed(String data, IOException cause) {
        return new LlmException(Code.MALFORMED_STREAM, provider + " sent an event that is not a JSON object: "
                + excerpt(data), cause);
    }

    static String excerpt(String data) {
        return data.length() <= 120 ? data : data.substring(0, 120) + "...";
    }
}
