package io.llmstream.core.port;

import io.llmstream.core.model.DialogueKind;
import java.time.Duration;
import java.util.Optional;

/**
 * Hears what happens in the core, for metrics. Every method has an empty default; implementations must
 * be fast and must not throw (what they throw is logged and dropped). Called from streaming threads and
 * the persistence writer's threads.
 */
public interface StreamingObserver {

    /** Ends a stream in one of these ways. */
    enum Ending { COMPLETED, FAILED, INTERRUPTED, STOPPED }

    StreamingObserver NONE = new StreamingObserver() {
    };

    default void streamStarted(DialogueKind kind) {
    }

    default void firstChunk(DialogueKind kind, Duration sinceStart) {
    }

    default void chunkSent(int characters) {
    }

    /** @param code the error (or stop) code the stream ended with; empty when it completed */
    default void streamEnded(DialogueKind kind, Ending ending, Optional<String> code) {
    }

    default void upstreamError(String code) {
    }

    default void retrievalFailed() {
    }

    default void writeFailed() {
    }

    default void writeDropped() {
    }

    default void writeQueueDepth(int depth) {
    }
}
