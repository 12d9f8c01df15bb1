package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.core.model.AudioChunk;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.AudioSink;
import io.llmstream.core.port.EventSink;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One chunked audio response: the audio bytes are written and flushed as they come; the text events
 * are not sent (a failed answer is reported by its status in the thread).
 *
 * <p>The response is started at the first audio chunk, so that a failure before any audio (LLM or
 * synthesis) can still be answered with a JSON error: starting opens the {@link HeldResponse} on the calling
 * thread (the headers go out); no thread is held for the response. A synthesis failure after the first chunk
 * ends the body at once; the answer's text goes on in the background and is persisted. Once the client has
 * left (it closed the connection, seen at once by {@link PeerClose}, or a write failed), the sink stays
 * failed and the close callbacks run once.
 */
public final class JerseyAudioSink extends HeldSink implements EventSink, AudioSink {

    private final Consumer<ApiException> refuser;
    private StreamEvent.Error textError;

    /**
     * @param response the response, started at the first audio chunk
     * @param refuser answers the request with a JSON error instead, when the audio failed before it started
     */
    JerseyAudioSink(HeldResponse response, Consumer<ApiException> refuser) {
        super(response, "audio");
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

    /** Registering does not start the response: that waits for the first audio. */
    @Override
    public void onClose(Runnable callback) {
        register(callback, false);
    }

    @Override
    public boolean audio(AudioChunk chunk) {
        List<Runnable> toRun = List.of();
        lock.lock();
        try {
            toRun = openLocked();
            if (state != State.STREAMING) {
                return false;
            }
            toRun = writeLocked(chunk.data());
            return state == State.STREAMING;
        } finally {
            lock.unlock();
            runAll(toRun);
        }
    }

    @Override
    public void audioFailed(String code, String message) {
        boolean refuse = false;
        lock.lock();
        try {
            if (state == State.NEW) {
                refuse = true;
                state = State.FINISHED; // later text is swallowed; the answer completes in the background
            } else if (state == State.STREAMING) {
                state = State.FINISHED; // the body ends here; the answer completes in the background
                endLocked();
            }
        } finally {
            lock.unlock();
        }
        if (refuse) {
            refuser.accept(new ApiException(502, "the answer could not be spoken [" + code + "]: " + message));
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
}
