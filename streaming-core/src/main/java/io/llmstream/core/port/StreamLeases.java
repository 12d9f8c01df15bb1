package io.llmstream.core.port;

import java.util.UUID;

/**
 * Which node generates which running stream, when several nodes share one {@link StreamEventLog}: the generating
 * node holds a lease on each of its streams and renews it while it runs; a stream whose lease lapsed (its node died)
 * is handed to exactly one other node, which ends it. An implementation renews and watches on threads of its own.
 */
public interface StreamLeases {

    /**
     * Sets what ends a stream whose generating node was lost; called once, when the core is built. The handler is
     * called on the implementation's thread, once per lapsed stream, on one node only.
     */
    void onLapse(Handler handler);

    /** Ends a stream whose generating node was lost. */
    @FunctionalInterface
    interface Handler {
        void lapsed(UUID streamId);
    }

    /** One process: a stream dies with its process, and nobody is left to notice. */
    static StreamLeases inProcess() {
        return handler -> {
            // nothing lapses
        };
    }
}
