package io.llmstream.core.port;

import io.llmstream.core.model.StreamEvent;

/**
 * Delivers the events of one stream to one client.
 *
 * <p>The core calls {@link #send} from one thread at a time, in event-id order, and sends exactly one
 * final event ({@code Done} or {@code Error}) unless the client left first. A sink that failed once
 * (the client is gone) stays failed: {@code send} returns {@code false} from then on and
 * {@link #isOpen()} is {@code false}. The core never closes the sink; whoever created it closes it after
 * the use case returns.
 *
 * <p>Ordering guarantee for HTTP adapters: the core calls {@link #onClose} only once it has accepted the
 * request (dialogue found, provider known), before it persists the user message, and never calls
 * any method of the sink when it answers {@code NotFound}, {@code Rejected} or {@code Unavailable}. An
 * adapter may therefore commit its response (send headers) on {@code onClose} or on the first
 * {@code send}, and still answer a JSON error before that.
 */
public interface EventSink {

    /**
     * Writes and flushes one event.
     *
     * @return {@code false} when the client is gone (the event was not delivered); never throws for that
     */
    boolean send(StreamEvent event);

    /**
     * Writes and flushes one event only if that cannot block the calling thread, which may be the thread that
     * generates the answer (the core offers events to a stream's only subscriber that way, to save a hand-off
     * per event). When it returns {@code false} the core sends the same event again through {@link #send}, from
     * another thread, and offers nothing more to this sink. The default never takes an offer: right for a sink
     * that cannot tell whether a write would block.
     *
     * @return whether the event was written
     */
    default boolean offer(StreamEvent event) {
        return false;
    }

    /** Whether the client is still there, as far as the sink knows. */
    boolean isOpen();

    /**
     * Registers a callback run once, on any thread, when the sink learns the client has gone (for
     * example from a failed heartbeat while the upstream is silent). Runs at once if already closed.
     * The core uses it to cancel the upstream immediately.
     */
    void onClose(Runnable callback);
}
