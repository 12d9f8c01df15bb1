package io.llmstream.http.jersey;

import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.EventSink;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One SSE response: writes and flushes each event as it is sent, and a heartbeat comment whenever
 * nothing was written for the heartbeat interval.
 *
 * <p>The response is committed lazily, when the core registers its close callback (it has then loaded the
 * dialogue and accepted the request, so no 404 can follow) or at the first event, whichever comes first: until
 * then the caller can still answer with a JSON error. Committing hands this object as the response entity to
 * the {@code committer}, which has Jersey call {@link #write} on another thread; that thread owns the
 * heartbeat loop and returns when the stream is finished or failed. Events are written by the streaming
 * thread under the same lock.
 *
 * <p>Once the client has left, the sink stays failed and the close callbacks run once. A client that closes
 * its connection is noticed at once ({@link PeerClose}, through {@link #clientGone}); one that vanishes without
 * a FIN or a reset (a pulled cable) is noticed by a failing write, of a chunk or of a heartbeat.
 */
final class JerseySseEventSink implements HeldResponse, EventSink, StreamingOutput {

    private enum State { NEW, COMMITTING, STREAMING, FINISHED, FAILED }

    private static final long COMMIT_TIMEOUT_SECONDS = 30;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final long heartbeatNanos;
    private final Consumer<StreamingOutput> committer;
    private final List<Runnable> callbacks = new ArrayList<>();
    private State state = State.NEW;
    private OutputStream out;
    private long lastWriteNanos;

    JerseySseEventSink(java.time.Duration heartbeat, Consumer<StreamingOutput> committer) {
        this.heartbeatNanos = heartbeat.toNanos();
        this.committer = committer;
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
            commitLocked();
            awaitStreamingLocked();
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
        lock.lock();
        try {
            return state != State.FAILED;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onClose(Runnable callback) {
        boolean runNow;
        lock.lock();
        try {
            runNow = state == State.FAILED;
            if (!runNow) {
                callbacks.add(callback);
                commitLocked();
            }
        } finally {
            lock.unlock();
        }
        if (runNow) {
            runQuietly(callback);
        }
    }

    /** Jersey writes the entity: remember the stream, send the headers, then keep the connection alive. */
    @Override
    public void write(OutputStream output) {
        List<Runnable> toRun = List.of();
        lock.lock();
        try {
            if (state != State.COMMITTING) {
                return;
            }
            out = output;
            state = State.STREAMING;
            changed.signalAll();
            toRun = flushLocked();
            while (state == State.STREAMING && toRun.isEmpty()) {
                long wait = lastWriteNanos + heartbeatNanos - System.nanoTime();
                if (wait <= 0) {
                    toRun = writeLocked(SseFormat.HEARTBEAT);
                } else {
                    changed.awaitNanos(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            toRun = failLocked();
        } finally {
            lock.unlock();
            toRun.forEach(JerseySseEventSink::runQuietly);
        }
    }

    /** The streaming thread is done: lets the writing thread end the response. @return whether it was committed */
    boolean finish() {
        lock.lock();
        try {
            boolean committed = state != State.NEW;
            if (state == State.STREAMING || state == State.COMMITTING) {
                state = State.FINISHED;
                changed.signalAll();
            }
            return committed;
        } finally {
            lock.unlock();
        }
    }

    /** The response is over, could not be started, or the client closed the connection. */
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

    private void commitLocked() {
        if (state == State.NEW) {
            state = State.COMMITTING;
            committer.accept(this);
        }
    }

    private void awaitStreamingLocked() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMIT_TIMEOUT_SECONDS);
        try {
            while (state == State.COMMITTING) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    failLocked().forEach(JerseySseEventSink::runQuietly);
                    return;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failLocked().forEach(JerseySseEventSink::runQuietly);
        }
    }

    /** @return the close callbacks to run (after unlocking) when the write failed, else empty */
    private List<Runnable> writeLocked(byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException | RuntimeException e) {
            return failLocked();
        }
        return flushLocked();
    }

    private List<Runnable> flushLocked() {
        try {
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
        state = State.FAILED;
        changed.signalAll();
        List<Runnable> toRun = List.copyOf(callbacks);
        callbacks.clear();
        return toRun;
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
