package io.llmstream.http.jersey;

import io.llmstream.core.model.AudioChunk;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.AudioSink;
import io.llmstream.core.port.EventSink;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One chunked audio response: the audio bytes are written and flushed as they come; the text events
 * are not sent (a failed answer is reported by its status in the thread).
 *
 * <p>The response is committed at the first audio chunk, so that a failure before any audio (LLM or
 * synthesis) can still be answered with a JSON error. Committing hands this object as the entity to
 * the {@code committer}, which has Jersey call {@link #write} on another thread; that thread holds the
 * response open until the stream is finished or failed. A synthesis failure after the first chunk ends
 * the body at once; the answer's text goes on in the background and is persisted. Once the client has
 * left (it closed the connection, seen at once by {@link PeerClose}, or a write failed), the sink stays
 * failed and the close callbacks run once.
 */
final class JerseyAudioSink implements HeldResponse, EventSink, AudioSink, StreamingOutput {

    private enum State { NEW, COMMITTING, STREAMING, FINISHED, FAILED }

    private static final long COMMIT_TIMEOUT_SECONDS = 30;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Consumer<StreamingOutput> committer;
    private final Consumer<ApiException> refuser;
    private final List<Runnable> callbacks = new ArrayList<>();
    private State state = State.NEW;
    private OutputStream out;
    private StreamEvent.Error textError;
    private boolean refused;

    /**
     * @param committer starts the response with this entity
     * @param refuser   answers the request with a JSON error instead, when the audio failed before it started
     */
    JerseyAudioSink(Consumer<StreamingOutput> committer, Consumer<ApiException> refuser) {
        this.committer = committer;
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
                state = State.COMMITTING;
                committer.accept(this);
            }
            awaitStreamingLocked();
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
            }
            if (state != State.FAILED) {
                state = State.FINISHED; // later text is swallowed; the answer completes in the background
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (refuse) {
            refuser.accept(new ApiException(502, "the answer could not be spoken [" + code + "]: " + message));
        }
    }

    /** Jersey writes the entity: remember the stream, then hold the response open until the stream ends. */
    @Override
    public void write(OutputStream output) {
        lock.lock();
        try {
            if (state != State.COMMITTING) {
                return;
            }
            out = output;
            state = State.STREAMING;
            changed.signalAll();
            while (state == State.STREAMING) {
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failLocked().forEach(JerseyAudioSink::runQuietly);
        } finally {
            lock.unlock();
        }
    }

    /** The streaming thread is done: lets the writing thread end the response. @return whether it was committed or refused */
    boolean finish() {
        lock.lock();
        try {
            boolean answered = state != State.NEW || refused;
            if (state == State.STREAMING || state == State.COMMITTING) {
                state = State.FINISHED;
                changed.signalAll();
            }
            return answered;
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
        toRun.forEach(JerseyAudioSink::runQuietly);
    }

    private void awaitStreamingLocked() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMIT_TIMEOUT_SECONDS);
        try {
            while (state == State.COMMITTING) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    failLocked().forEach(JerseyAudioSink::runQuietly);
                    return;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failLocked().forEach(JerseyAudioSink::runQuietly);
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
            System.getLogger(JerseyAudioSink.class.getName())
                    .log(System.Logger.Level.WARNING, "a close callback of an audio stream failed", e);
        }
    }
}
