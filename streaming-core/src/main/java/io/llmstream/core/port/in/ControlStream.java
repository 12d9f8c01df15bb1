package io.llmstream.core.port.in;

import io.llmstream.core.model.DialogueRef;
import java.util.Optional;
import java.util.UUID;

/**
 * A stream's owner looks at it and acts on it: stop, pause, resume. Another user's stream is
 * {@link Result.NotFound}, like an unknown one. Thread-safe; every method returns promptly (a stop waits at most
 * {@value #STOP_WAIT_MILLIS} ms for the stream's final event).
 */
public interface ControlStream {

    /** The stream, with its status and newest event id. */
    Result<StreamView> find(String owner, UUID streamId);

    /** The stream running in this dialogue, if one is. */
    Optional<StreamView> running(String owner, DialogueRef dialogue);

    /**
     * Stops the stream: the upstream is closed at once, the answer so far stored as {@code stopped}, every
     * subscriber gets a final {@code done} of status {@code stopped}. An ended stream is returned unchanged.
     */
    Result<StreamView> stop(String owner, UUID streamId);

    /** Pauses delivery to every subscriber (a {@code paused} event); {@link Result.Conflict} once the stream has ended. */
    Result<StreamView> pause(String owner, UUID streamId);

    /** Resumes delivery (a {@code resumed} event, then what was held back); {@link Result.Conflict} once the stream has ended. */
    Result<StreamView> resume(String owner, UUID streamId);
}
