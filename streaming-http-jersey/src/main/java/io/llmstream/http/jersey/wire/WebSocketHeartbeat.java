package io.llmstream.http.jersey.wire;

import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The pings of one WebSocket connection: one every heartbeat interval keeps proxies from closing an idle connection;
 * one left unanswered for a whole interval after it was sent means the client is gone. Runs on the shared timer,
 * which must never block: pings leave on a virtual thread.
 */
final class WebSocketHeartbeat {

    private static final System.Logger LOG = System.getLogger(WebSocketHeartbeat.class.getName());

    private final Session session;
    private final long intervalNanos;
    private final Runnable noPong;
    private final Runnable gone;
    private volatile boolean awaitingPong;
    private volatile long pingSentAt; // System.nanoTime() when the unanswered ping left; 0 while it is on its way
    private volatile boolean stopped;
    private final ScheduledFuture<?> beat;

    /** Starts beating; {@code noPong} when a ping went unanswered, {@code gone} when a ping could not be sent. */
    WebSocketHeartbeat(Session session, Duration interval, ScheduledExecutorService timer, Runnable noPong, Runnable gone) {
        this.session = session;
        this.intervalNanos = interval.toNanos();
        this.noPong = noPong;
        this.gone = gone;
        // fixed delay: a timer that ran late must not fire twice in a row and take a pong on its way for none
        this.beat = timer.scheduleWithFixedDelay(this::beat, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    /** A pong arrived (on Tyrus's reading thread). */
    void ponged() {
        awaitingPong = false;
    }

    void stop() {
        stopped = true;
        beat.cancel(false);
    }

    private void beat() {
        if (stopped) {
            return;
        }
        if (awaitingPong) {
            long sent = pingSentAt;
            if (sent != 0 && System.nanoTime() - sent >= intervalNanos) {
                noPong.run();
            }
            return;
        }
        pingSentAt = 0;
        awaitingPong = true;
        Thread.ofVirtual().name("ws-ping").start(() -> {
            try {
                pingSentAt = System.nanoTime();
                session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "a ping failed; the client has left", e);
                gone.run();
            }
        });
    }
}
