package io.llmstream.bench;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Incremental decoder of what the service sends on one stream's connection: an SSE response or a WebSocket. */
interface ResponseDecoder {

    /** Consumes all remaining bytes of {@code in}; each completed event's JSON goes to {@code events} in order. */
    void feed(ByteBuffer in, Consumer<String> events);

    /** The HTTP status of the response (of the upgrade for a WebSocket), -1 until it arrived. */
    int status();

    /** True when the status is the one that carries the stream (200 for SSE, 101 for a WebSocket). */
    boolean accepted();

    /** True once the status line and every header have been read. */
    boolean headersDone();

    boolean ended();

    /** The start of a refused response's body, for the error message. */
    String errorBody();

    /** The {@code X-Stream-Id} response header (SSE only), or null. */
    String streamId();

    /** The id of the event being handed over (valid inside the callback), or null when it has none. */
    String eventId();
}
