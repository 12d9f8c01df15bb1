package io.llmstream.core.port.in;

import io.llmstream.core.port.EventSink;
import java.util.UUID;

/**
 * One subscriber of a stream: sends the stream's events after an offset to a sink, at the sink's pace, live
 * until the final event. Any number of subscribers follow one stream, each on its own thread, none slowing the
 * generation or the others: each reads the stream's log, which is its backlog. One that falls behind the kept
 * events gets an {@code error} event of code {@code lagging} and is let go.
 *
 * <p>Runs on the calling thread (a virtual thread per subscriber) and returns when the subscriber is done.
 * While it follows a running stream it counts as one of its subscribers; when the last one leaves, the detach
 * grace starts ({@link StreamingSettings#detachGrace()}).
 */
public interface FollowStream {

    /**
     * Sends the events of the caller's stream {@code streamId} after event {@code afterId} (0 = from the start).
     * Nothing is sent to the sink, and its {@link EventSink#onClose} is not called, unless the outcome is
     * {@link FollowOutcome.Followed}.
     */
    FollowOutcome follow(String owner, UUID streamId, long afterId, EventSink sink);
}
