package io.llmstream.core.port;

import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ordered events of every running and recently ended stream, with what is known about each stream: the
 * pipeline writes a stream's events here and nowhere else, and every client of the stream (an SSE response, a
 * resumed SSE response, a speaker) reads them from here, from an offset, at its own pace.
 *
 * <p><b>Order and ids.</b> A stream's events are appended by one thread at a time with ids 1, 2, 3, … and
 * are read back in that order; the id is the offset a reader resumes from. The first final event
 * ({@link StreamEvent#isFinal()}) ends the log; nothing is appended after it.
 *
 * <p><b>Retention.</b> An implementation keeps at most a configured number of events per stream (the oldest
 * are dropped first: a read from before them is {@link Read.Truncated}) and forgets an ended stream's events a
 * configured time after its end ({@link Read.Expired}). What {@link #find} returns may outlive the events, so
 * that a late client learns which message to read from the dialogue instead.
 *
 * <p><b>Threads.</b> Every method is thread-safe; {@link #read} blocks the calling thread (a virtual thread
 * is the natural caller) at most {@code wait}. An implementation backed by a remote store (Redis) throws
 * {@link StreamLogException} when it cannot reach it.
 */
public interface StreamEventLog {

    /** Registers a new stream (status running, no events yet). */
    void open(StreamInfo stream);

    /** Appends the stream's next event; its id must be the last id plus one. */
    void append(UUID streamId, StreamEvent event);

    /** Records a change of status (paused, running again, or the final status before the final event). */
    void status(UUID streamId, StreamStatus status);

    /** What is known about a stream, with its newest event id; empty when it is unknown or long forgotten. */
    Optional<StreamInfo> find(UUID streamId);

    /**
     * The events after {@code afterId}, at most {@code max}, waiting up to {@code wait} for the first when
     * none is there yet. A subscriber waits long ({@code wait} of hours or more) and is interrupted when its
     * client leaves; an implementation may then wait without a timer.
     *
     * @throws InterruptedException when the reading thread is interrupted while waiting
     */
    Read read(UUID streamId, long afterId, int max, Duration wait) throws InterruptedException;

    /** The answer of {@link #read}. */
    sealed interface Read {

        /** The events after the offset, in order (empty when none came in time); {@code ended}: the log holds its final event. */
        record Events(List<StreamEvent> events, boolean ended) implements Read {
            public Events {
                events = List.copyOf(events);
            }
        }

        /** The events right after the offset are no longer kept; the oldest kept has id {@code firstKept}. */
        record Truncated(long firstKept) implements Read {
        }

        /** The stream's events are not (or no longer) kept. */
        record Expired() implements Read {
        }
    }
}
