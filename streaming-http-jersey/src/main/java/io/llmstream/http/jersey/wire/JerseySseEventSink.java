package io.llmstream.http.jersey.wire;

import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.EventSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One SSE response: writes and flushes each event as it is sent, and a heartbeat comment whenever
 * nothing was written for the heartbeat interval.
 *
 * <p>The response is started lazily, when the core registers its close callback (it has then loaded the
 * dialogue and accepted the request, so no 404 can follow) or at the first event, whichever comes first: until
 * then the caller can still answer with a JSON error. Starting it opens the {@link HeldResponse} on the calling thread
 * (the headers go out); events are then written by the streaming thread, heartbeats by a short-lived virtual
 * thread that a shared timer starts only when one is due, both under the sink's lock. No thread is held for
 * the response itself.
 *
 * <p>Once the client has left, the sink stays failed and the close callbacks run once. A client that closes
 * its connection is noticed at once ({@link PeerClose}, through {@link #clientGone}); one that vanishes without
 * a FIN or a reset (a pulled cable) is noticed by a failing write, of a chunk or of a heartbeat.
 */
public final class JerseySseEventSink extends HeldSink implements EventSink {

    private final long heartbeatNanos;
    private final ScheduledExecutorService timer;
    private volatile long lastWriteNanos;
    private volatile ScheduledFuture<?> heartbeat;

    private final SseFormat.Frames frames = new SseFormat.Frames();

    /**
     * @param timer only schedules heartbeat checks (its tasks never block); shared by many sinks
     */
    JerseySseEventSink(Duration heartbeat, ScheduledExecutorService timer, HeldResponse response) {
        super(response, "SSE");
        this.heartbeatNanos = heartbeat.toNanos();
        this.timer = timer;
    }

    @Override
    public boolean send(StreamEvent event) {
        return sendBytes(frames.event(event));
    }

    /**
     * Writes the event only when Grizzly says the connection takes it without blocking (its write queue has room)
     * and it fits the response buffer (one write, one flush); otherwise the core sends it from the subscriber's
     * thread, where waiting for a slow client is harmless. (The refused event is then framed again by {@link #send}:
     * once per stream, as the core offers nothing more to a sink that refused.)
     */
    @Override
    public boolean offer(StreamEvent event) {
        byte[] bytes = frames.event(event);
        return bytes.length <= JerseyHeldResponse.BUFFER_BYTES && write(bytes, true);
    }

    /** Writes and flushes one event already in SSE form (events the core does not know, e.g. audio). */
    boolean sendBytes(byte[] bytes) {
        return write(bytes, false);
    }

    /** @param offered only if the response has started and the write cannot block (else: starts it if new) */
    private boolean write(byte[] bytes, boolean offered) {
        List<Runnable> toRun = List.of();
        lock.lock();
        try {
            if (!offered) {
                toRun = openLocked();
            }
            if (state != State.STREAMING || offered && !writableNowLocked()) {
                return false;
            }
            toRun = writeLocked(bytes);
            return toRun.isEmpty() && state == State.STREAMING;
        } finally {
            lock.unlock();
            runAll(toRun);
        }
    }

    /** Registering the core's callback starts the response: the core has accepted the request by then. */
    @Override
    public void onClose(Runnable callback) {
        register(callback, true);
    }

    /** {@code retry: 2000}: a browser's {@code EventSource} reconnects after two seconds, with {@code Last-Event-ID}. */
    @Override
    protected byte[] preamble() {
        return SseFormat.RETRY;
    }

    @Override
    protected void startedLocked() {
        lastWriteNanos = System.nanoTime();
        scheduleHeartbeatCheck(heartbeatNanos);
    }

    @Override
    protected void wroteLocked() {
        lastWriteNanos = System.nanoTime();
    }

    @Override
    protected void endLocked() {
        ScheduledFuture<?> pending = heartbeat;
        if (pending != null) {
            pending.cancel(false);
        }
        super.endLocked();
    }

    private void scheduleHeartbeatCheck(long delayNanos) {
        heartbeat = timer.schedule(this::checkHeartbeat, Math.max(delayNanos, 1), TimeUnit.NANOSECONDS);
    }

    /** On the timer's thread, which must never wait for a stream's lock: a due heartbeat gets a thread of its own. */
    private void checkHeartbeat() {
        if (state != State.STREAMING) {
            return;
        }
        long wait = lastWriteNanos + heartbeatNanos - System.nanoTime();
        if (wait > 0) {
            scheduleHeartbeatCheck(wait);
        } else {
            Thread.ofVirtual().name("sse-heartbeat").start(this::writeHeartbeat);
        }
    }

    private void writeHeartbeat() {
        List<Runnable> toRun = List.of();
        lock.lock();
        try {
            if (state != State.STREAMING) {
                return;
            }
            if (lastWriteNanos + heartbeatNanos - System.nanoTime() <= 0) {
                toRun = writeLocked(SseFormat.HEARTBEAT);
            }
            if (state == State.STREAMING) {
                scheduleHeartbeatCheck(lastWriteNanos + heartbeatNanos - System.nanoTime());
            }
        } finally {
            lock.unlock();
            runAll(toRun);
        }
    }
}
