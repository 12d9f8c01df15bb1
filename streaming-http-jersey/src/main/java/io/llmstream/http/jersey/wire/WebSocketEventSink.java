package io.llmstream.http.jersey.wire;

import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One subscription of a WebSocket connection to one stream: each event becomes a frame in the connection's queue.
 * Ends (once, running the core's close callbacks) on unsubscribe, when the connection closes or lags.
 */
final class WebSocketEventSink implements EventSink {

    private final UUID streamId;
    private final WebSocketConnection connection;
    private final List<Runnable> callbacks = new ArrayList<>();
    private boolean closed;
    private volatile long lastId;

    WebSocketEventSink(UUID streamId, WebSocketConnection connection) {
        this.streamId = streamId;
        this.connection = connection;
    }

    @Override
    public boolean send(StreamEvent event) {
        lastId = event.id();
        return isOpen() && connection.enqueueWaiting(WebSocketFrames.event(streamId, event));
    }

    /** Takes the event when the connection's queue has room now (never waits: the caller may be generating). */
    @Override
    public boolean offer(StreamEvent event) {
        if (!isOpen() || !connection.enqueueIfRoom(WebSocketFrames.event(streamId, event))) {
            return false;
        }
        lastId = event.id();
        return true;
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed;
    }

    @Override
    public void onClose(Runnable callback) {
        boolean runNow;
        synchronized (this) {
            runNow = closed;
            if (!runNow) {
                callbacks.add(callback);
            }
        }
        if (runNow) {
            callback.run();
        }
    }

    UUID streamId() {
        return streamId;
    }

    /** The id of the last event sent: the one a spoken sentence follows. */
    long lastId() {
        return lastId;
    }

    /** The client left this stream (or the connection): the follow ends at once. */
    void close() {
        List<Runnable> toRun;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        toRun.forEach(WebSocketEventSink::runSafely);
    }

    private static void runSafely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            System.getLogger(WebSocketEventSink.class.getName()).log(System.Logger.Level.WARNING,
                    "a close callback failed", e);
        }
    }
}
