package io.llmstream.adapter.llm.http;

import io.llmstream.core.model.LlmEvent;
import java.util.function.Consumer;

/**
 * Turns one provider's response body into {@link LlmEvent}s. Stateful, one per completion, fed by
 * one thread. It emits exactly one {@link LlmEvent.Finished} when it sees the wire format's end
 * marker, after which the transport stops reading.
 */
public interface EventDecoder {

    /**
     * Decodes the next bytes of the body.
     *
     * @throws io.llmstream.core.port.LlmException {@code MALFORMED_STREAM} for bytes that are not the format,
     *                                             {@code UPSTREAM_ERROR} for an error the provider sent in the stream
     */
    void feed(byte[] bytes, int offset, int length, Consumer<LlmEvent> events);

    /**
     * The body ended: emits the {@link LlmEvent.Finished} when the format allows ending here.
     *
     * @throws io.llmstream.core.port.LlmException {@code TRUNCATED} when the stream ended without its end marker
     */
    void end(Consumer<LlmEvent> events);
}
