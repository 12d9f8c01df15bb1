package io.llmstream.http.jersey;

import io.llmstream.core.model.AudioChunk;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.AudioSink;
import io.llmstream.core.port.EventSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One chunked audio response: the audio bytes are written and flushed as they come; the text events
 * are not sent (a failed answer is reported by its status in the thread).
 *
 * <p>The response is started at the first audio chunk, so that a failure before any audio (LLM or
 * synthesis) can still be answered with a JSON error: starting opens the {@link ResponseWire} on the calling
 * thread (the headers go out); no thread is held for the response. A synthesis failure after the first chunk
 * ends the body at once; the answer's text goes on in the background and is persisted. Once the client has
 * left (it closed the connection, seen at once by {@link PeerClose}, or a write failed), the sink stays
 * failed and the close callbacks run once.
 */
final class JerseyAudioSink implements HeldResponse, EventSink, AudioSink {

    private enum State { NEW, STREAMING, FINISHED, FAILED }

    private final ReentrantLock lock = new ReentrantLock();
    private final ResponseWire wire;
    private final Consumer<ApiException> refuser;
    private final List<Runnable> callbacks = new ArrayList<>();
    private State state = State.NEW;
    private OutputStream out;
    private StreamEvent.Error textError;
    private boolean refused;

    /**
     * @param wire    the response, started at the first audio chunk
     * @param refuser answers the request with a JSON error instead, when the audio failed before it started
     */
    JerseyAudioSink(ResponseWire wire, Consumer<ApiException> refuser) {
        this.wire = wire;
        this.refuser = refuser;
    }

    @Override
    public boolean send(StreamEvent event) {
        lock.lock();
        try {
            if (event instanceof StreamEvent.Error error && state == State.NEW) {
                textError = error;
            }
            return state != State.FAILED;
        } finally {
            lock.unlock();
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
            }
        } finally {
            lock.unlock();
        }
        if (runNow) {
            runQuietly(callback);
        }
    }

    @Override
    public boolean audio(AudioChunk chunk) {
        List<Runnable> toRun = List.of();
        lock.lock();
        try {
            if (state == State.NEW) {
                try {
                    out = wire.open(this);
                    state = State.STREAMING;
                } catch (IOException | RuntimeException e) {
                    toRun = failLocked();
                }
            }
            if (state != State.STREAMING) {
                return false;
            }
            try {
                out.write(chunk.data());
                out.flush();
            } catch (IOException | RuntimeException e) {
                toRun = failLocked();
            }
            return state == State.STREAMING;
        } finally {
            lock.unlock();
            toRun.forEach(JerseyAudioSink::runQuietly);
        }
    }

    @Override
    public void audioFailed(String code, String message) {
        boolean refuse = false;
        lock.lock();
        try {
            if (state == State.NEW) {
                refuse = true;
                refused = true;
                state = State.FINISHED; // later text is swallowed; the answer completes in the background
            } else if (state == State.STREAMING) {
                state = State.FINISHED; // the body ends here; the answer completes in the background
                wire.end();
            }
        } finally {
            lock.unlock();
        }
        if (refuse) {
            refuser.accept(new ApiException(502, "the answer could not be spoken [" + code + "]: " + message));
        }
    }

    /** The streaming thread is done: ends the response. @return whether it was started or refused (else the caller answers) */
    boolean finish() {
        lock.lock();
        try {
            if (state == State.STREAMING) {
                state = State.FINISHED;
                wire.end();
            }
            return state != State.NEW;
        } finally {
            lock.unlock();
        }
    }

    /** The answer failed before any audio was sent: its error event, for the JSON answer. */
    Optional<StreamEvent.Error> textError() {
        lock.lock();
        try {
            return Optional.ofNullable(textError);
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
        toRun.forEach(JerseyAudioSink::runQuietly);
    }

    private List<Runnable> failLocked() {
        if (state == State.FAILED) {
            return List.of();
        }
        if (state == State.STREAMING) {
            wire.end();
        }
        state = State.FAILED;
        List<Runnable> toRun = List.copyOf(callbacks);
        callbacks.clear();
        return toRun;
    }

    private static void runQuietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            System.getLogger(JerseyAudioSink.class.getName())
                    .log(System.Logger.Level.WARNING, "a close callback of an audio stream failed", e);
        }
    }
}
