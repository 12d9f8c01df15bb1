package io.llmstream.http.jersey.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.glassfish.grizzly.OutputSink;

/**
 * The state both streaming sinks share (SSE and chunked audio): a response that is started once on the calling
 * thread ({@link HeldResponse#open}), written and flushed under one lock, and ended once; the close callbacks run
 * once when the client is gone (its close reported by {@link PeerClose}, or a failed write), always after the lock
 * is released. Subclasses decide when the response starts and what they write.
 */
abstract class HeldSink {

    /** NEW: nothing sent, the caller may still answer otherwise; FINISHED: ended by the stream; FAILED: client gone. */
    protected enum State { NEW, STREAMING, FINISHED, FAILED }

    protected final ReentrantLock lock = new ReentrantLock();
    private final HeldResponse response;
    private final List<Runnable> callbacks = new ArrayList<>();
    private final String kind;
    protected volatile State state = State.NEW;
    private OutputStream out;

    /** @param kind what the sink streams, for the log ("SSE", "audio") */
    protected HeldSink(HeldResponse response, String kind) {
        this.response = response;
        this.kind = kind;
    }

    /** Whether the client may still be reading. */
    public boolean isOpen() {
        return state != State.FAILED;
    }

    /** The streaming thread is done: ends the response. @return whether it was started or answered (else the caller answers) */
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
    public void clientGone() {
        List<Runnable> toRun;
        lock.lock();
        try {
            toRun = state == State.FINISHED ? List.of() : failLocked();
        } finally {
            lock.unlock();
        }
        runAll(toRun);
    }

    /**
     * Registers a close callback, run at once when the client is already gone.
     *
     * @param start whether registering starts the response too
     */
    protected final void register(Runnable callback, boolean start) {
        List<Runnable> toRun;
        lock.lock();
        try {
            if (state == State.FAILED) {
                toRun = List.of(callback);
            } else {
                callbacks.add(callback);
                toRun = start ? openLocked() : List.of();
            }
        } finally {
            lock.unlock();
        }
        runAll(toRun);
    }

    /** Starts the response if it is new. @return the callbacks to run (after unlocking) when it could not start */
    protected final List<Runnable> openLocked() {
        if (state != State.NEW) {
            return List.of();
        }
        try {
            out = response.open(this::clientGone);
            byte[] preamble = preamble();
            if (preamble.length > 0) {
                out.write(preamble);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            return failLocked();
        }
        state = State.STREAMING;
        startedLocked();
        return List.of();
    }

    /** Writes and flushes. @return the callbacks to run (after unlocking) when the write failed, else empty */
    protected final List<Runnable> writeLocked(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            wroteLocked();
            return List.of();
        } catch (IOException | RuntimeException e) {
            return failLocked();
        }
    }

    /** Whether the next write and flush cannot block: only Grizzly's stream can tell (its write queue has room). */
    protected final boolean writableNowLocked() {
        return out instanceof OutputSink sink && sink.canWrite();
    }

    /** The client is gone: ends a started response. @return the callbacks to run once (after unlocking) */
    protected final List<Runnable> failLocked() {
        if (state == State.FAILED) {
            return List.of();
        }
        if (state == State.STREAMING) {
            endLocked();
        }
        state = State.FAILED;
        List<Runnable> toRun = List.copyOf(callbacks);
        callbacks.clear();
        return toRun;
    }

    /** Ends the response; subclasses that keep more going stop it first. */
    protected void endLocked() {
        response.end();
    }

    /** What the response begins with, written with its headers. */
    protected byte[] preamble() {
        return new byte[0];
    }

    /** The response has just started. */
    protected void startedLocked() {
    }

    /** A write has just reached the client. */
    protected void wroteLocked() {
    }

    protected final void runAll(List<Runnable> callbacksToRun) {
        for (Runnable callback : callbacksToRun) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                System.getLogger(getClass().getName())
                        .log(System.Logger.Level.WARNING, "a close callback of an " + kind + " stream failed", e);
            }
        }
    }
}
