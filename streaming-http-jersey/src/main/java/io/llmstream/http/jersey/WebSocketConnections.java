package io.llmstream.http.jersey;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.grizzly.GracefulShutdownListener;
import org.glassfish.grizzly.ShutdownContext;

/**
 * The open WebSocket connections of one server, so that a graceful shutdown of its listener can end them: each
 * connection is closed {@code 1001} as soon as its running streams have sent their last event (at once when it
 * follows none), and the listener's shutdown waits for that, not for its grace period.
 */
final class WebSocketConnections implements GracefulShutdownListener {

    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
    private ShutdownContext shutdown; // guarded by this
    private boolean ready; // guarded by this

    /** False when the server is shutting down: the connection is to go away at once. */
    boolean opened(WebSocketConnection connection) {
        open.add(connection);
        return !shuttingDown();
    }

    void ended(WebSocketConnection connection) {
        open.remove(connection);
        readyWhenAllEnded();
    }

    /** Connections open now, as the server holds them. */
    int count() {
        return open.size();
    }

    /** Subscriptions of all open connections, each held by a thread of its own. */
    int subscriptions() {
        return open.stream().mapToInt(WebSocketConnection::subscriptions).sum();
    }

    synchronized boolean shuttingDown() {
        return shutdown != null;
    }

    @Override
    public void shutdownRequested(ShutdownContext context) {
        synchronized (this) {
            shutdown = context;
        }
        open.forEach(WebSocketConnection::goAway);
        readyWhenAllEnded();
    }

    @Override
    public void shutdownForced() {
        open.forEach(WebSocketConnection::goAwayNow);
    }

    private void readyWhenAllEnded() {
        ShutdownContext context;
        synchronized (this) {
            if (shutdown == null || ready || !open.isEmpty()) {
                return;
            }
            ready = true;
            context = shutdown;
        }
        context.ready(); // once: Grizzly counts the calls of all its listeners
    }
}
