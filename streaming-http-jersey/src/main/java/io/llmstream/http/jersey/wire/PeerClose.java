package io.llmstream.http.jersey.wire;

import org.glassfish.grizzly.CloseType;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.GenericCloseListener;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.http.server.Request;

/**
 * Notices at once when the client of a held response closes its connection.
 *
 * <p>Grizzly stops reading a connection while its request is suspended (as every held response is), so a
 * client's FIN would only be noticed when a later write fails: one or two token intervals, or two heartbeat
 * intervals on a silent upstream. Watching re-enables read interest on the connection and registers a close
 * listener: the selector then reads the end of stream (or the reset) as soon as it arrives, closes the
 * connection and the listener tells the response, on a virtual thread of its own (never on the selector
 * thread, which must not wait for a stream's lock). The request's body has been read by then; a client that
 * pipelines another request behind a stream is not supported (no browser or SSE client does).
 */
final class PeerClose implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PeerClose.class.getName());
    private static final PeerClose NONE = new PeerClose(null, null);

    private final Connection<?> connection;
    private final Listener listener;

    private PeerClose(Connection<?> connection, Listener listener) {
        this.connection = connection;
        this.listener = listener;
    }

    /**
     * Watches the connection of {@code request} until {@link #close()}; does nothing outside Grizzly.
     *
     * @param clientGone run once, on a virtual thread of its own, when the connection closes while watched
     */
    static PeerClose watch(Request request, Runnable clientGone) {
        Connection<?> connection = request == null || request.getContext() == null ? null : request.getContext().getConnection();
        if (connection == null) {
            return NONE;
        }
        Listener listener = new Listener(clientGone);
        connection.addCloseListener(listener); // runs at once when the connection is already closed
        try {
            connection.enableIOEvent(IOEvent.READ);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not watch the connection for the client's close", e);
        }
        return new PeerClose(connection, listener);
    }

    /** Stops watching: the response is over, the connection may serve the next request. */
    @Override
    public void close() {
        if (connection != null) {
            connection.removeCloseListener(listener);
        }
    }

    private static final class Listener implements GenericCloseListener {
        private final Runnable clientGone;

        Listener(Runnable clientGone) {
            this.clientGone = clientGone;
        }

        @Override
        public void onClosed(Closeable closeable, CloseType type) {
            Thread.ofVirtual().name("client-closed").start(clientGone);
        }
    }
}
