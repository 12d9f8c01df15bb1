package io.llmstream.http.jersey;

import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.EventSink;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SSE response: writes and flushes each event as it is sent, and a heartbeat comment whenever
 * nothing was written for the heartbeat interval.
 *
 * <p>The response is started lazily, when the core registers its close callback (it has then loaded the
 * dialogue and accepted the request, so no 404 can follow) or at the first event, whichever comes first: until
 * then the caller can still answer with a JSON error. Starting it opens the {@link ResponseWire} on the calling thread
 * (the headers go out); events are then written by the streaming thread, heartbeats by a short-lived virtual
 * thread that a shared timer starts only when one is due, both under the sink's lock. No thread is held for
 * the response itself.
 *
 * <p>Once the client has left, the sink stays failed and the close callbacks run once. A client that closes
 * its connection is noticed at once ({@link PeerClose}, through {@link #clientGone}); one that vanishes without
 * a FIN or a reset (a pulled cable) is noticed by a failing write, of a chunk or of a heartbeat.
 */
final class JerseySseEventSink implements HeldResponse, EventSink {

    private enum State { NEW, STREAMING, FINISHED, FAILED }

    private final ReentrantLock lock = new ReentrantLock();
    private final long heartbeatNanos;
    private final ScheduledExecutorService timer;
    private final ResponseWire wire;
    private final List<Runnable> callbacks = new ArrayList<>();
    private volatile State state = State.NEW;
    private OutputStream out;
    private volatile long lastWriteNanos;
    private volatile ScheduledFuture<?> heartbeat;

    /**
     * @param timer only schedules heartbeat checks (its tasks never block); shared by many sinks
     */
    JerseySseEventSink(Duration heartbeat, ScheduledExecutorService timer, ResponseWire wire) {
        this.heartbeatNanos = heartbeat.toNanos();
        this.timer = timer;
        this.wire = wire;
    }

    @Override
    public boolean send(StreamEvent event) {
        return sendBytes(SseFormat.event(event));
    }

    /** Writes and flushes one event already in SSE form (events the core does not know, e.g. audio). */
    boolean sendBytes(byte[] bytes) {
        List<Runnable> toRun = List.of();
        lock.lock();
        try {
            toRun = openLocked();
            if (state != State.STREAMING) {
                return false;
            }
            toRun = writeLocked(bytes);
            return toRun.isEmpty() && state == State.STREAMING;
        } finally {
            lock.unlock();
            toRun.forEach(JerseySseEventSink::runQuietly);
        }
    }

    @Override
    public boolean isOpen() {
        return state != State.FAILED;
    }

    @Override
    public void onClose(Runnable callback) {
        List<Runnable> toRun;
        lock.lock();
        try {
            if (state == State.FAILED) {
                toRun = List.of(callback);
            } else {
                callbacks.add(callback);
                toRun = openLocked();
            }
        } finally {
            lock.unlock();
        }
        toRun.forEach(JerseySseEventSink::runQuietly);
    }

    /** The streaming thread is done: ends the response. @return whether it was started (else the caller answers) */
    boolean finish() {
        lock.lock();
        try {
            if (state == State.STREAMING) {
                state = State.FINISHED;
                endLocked();
            }
            return state != State.NEW;
        } finally {
            lock.unlock();
        }
    }

    /** The client closed the connection: a stream still running has lost its client. */
    @Override
    public void clientGone() {
        List<Runnable> toRun;
        lock.lock();
        try {
            toRun = state == State.FINISHED ? List.of() : failLocked();
        } finally {
            lock.unlock();
        }
        toRun.forEach(JerseySseEventSink::runQuietly);
    }

    /** @return the close callbacks to run (after unlocking) when the response could not be started, else empty */
    private List<Runnable> openLocked() {
        if (state != State.NEW) {
            return List.of();
        }
        try {
            out = wire.open(this);
        } catch (IOException | RuntimeException e) {
            return failLocked();
        }
        state = State.STREAMING;
        lastWriteNanos = System.nanoTime();
        scheduleHeartbeatCheck(heartbeatNanos);
        return List.of();
    }

    /** @return the close callbacks to run (after unlocking) when the write failed, else empty */
    private List<Runnable> writeLocked(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            lastWriteNanos = System.nanoTime();
            return List.of();
        } catch (IOException | RuntimeException e) {
            return failLocked();
        }
    }

    private List<Runnable> failLocked() {
        if (state == State.FAILED) {
            return List.of();
        }
        boolean started = state != State.NEW;
        state = State.FAILED;
        if (started) {
            endLocked();
        }
        List<Runnable> toRun = List.copyOf(callbacks);
        callbacks.clear();
        return toRun;
    }

    private void endLocked() {
        ScheduledFuture<?> pending = heartbeat;
        if (pending != null) {
            pending.cancel(false);
        }
        wire.end();
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
            toRun.forEach(JerseySseEventSink::runQuietly);
        }
    }

    private static void runQuietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            System.getLogger(JerseySseEventSink.class.getName())
                    .log(System.Logger.Level.WARNING, "a close callback of an SSE stream failed", e);
        }
    }
}
