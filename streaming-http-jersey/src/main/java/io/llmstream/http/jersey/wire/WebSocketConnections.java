package io.llmstream.http.jersey.wire;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open WebSocket connections of one server, so that a graceful shutdown of its listener can end them: each
 * connection is closed {@code 1001} as soon as its running streams have sent their last event (at once when it
 * follows none), and the listener's shutdown waits for that (as it waits for running HTTP exchanges), plus
 * {@link #CLOSE_LINGER}: the listener closes every TCP connection when its shutdown tasks are done, and a close frame
 * just written (or the client's answer to it, still unread: an unread byte turns the close into a reset) would be lost.
 */
public final class WebSocketConnections {

    static final Duration CLOSE_LINGER = Duration.ofMillis(300);

    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
    private boolean shuttingDown; // guarded by this

    /** False when the server is shutting down: the connection is to go away at once. */
    boolean opened(WebSocketConnection connection) {
        open.add(connection);
        return !shuttingDown();
    }

    void ended(WebSocketConnection connection) {
        open.remove(connection);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Connections open now, as the server holds them. */
    public int count() {
        return open.size();
    }

    /** Subscriptions of all open connections, each held by a thread of its own. */
    public int subscriptions() {
        return open.stream().mapToInt(WebSocketConnection::subscriptions).sum();
    }

    synchronized boolean shuttingDown() {
        return shuttingDown;
    }

    /**
     * The listener shuts down: every connection goes away once its streams have ended; returns when none is left (the
     * listener bounds the wait by its grace period and interrupts it).
     */
    void shutDown() throws InterruptedException {
        boolean closedAny;
        synchronized (this) {
            shuttingDown = true;
            closedAny = !open.isEmpty();
        }
        open.forEach(WebSocketConnection::goAway);
        synchronized (this) {
            while (!open.isEmpty()) {
                wait();
            }
        }
        if (closedAny) {
            Thread.sleep(CLOSE_LINGER); // see the class comment: the last close frames are on their way
        }
    }
}
