package io.llmstream.core.port.in;

import java.util.UUID;

/**
 * How following a stream ended. {@link NotFound}, {@link Gone} and {@link NothingNew} are decided before
 * anything is sent to the sink (so an HTTP caller can still answer 404, 410 or 204); {@link Followed} means
 * events were sent.
 */
public sealed interface FollowOutcome {

    /** No stream of this id belongs to the caller. */
    record NotFound(String message) implements FollowOutcome {
    }

    /** The events asked for are no longer kept (or the offset is not one the stream ever had): read {@code messageId} instead. */
    record Gone(UUID messageId, String message) implements FollowOutcome {
    }

    /** The stream cannot be followed this way right now (e.g. its voice cannot be spoken). */
    record Unavailable(String message) implements FollowOutcome {
    }

    /** The stream has ended and the caller has already seen its final event. */
    record NothingNew() implements FollowOutcome {
    }

    /**
     * Events were sent up to {@code lastEventId}: through the final event, until the subscriber left, or until
     * it fell behind the kept events ({@code lagged}: it got an {@code error} event of code {@code lagging}).
     */
    record Followed(long lastEventId, boolean lagged) implements FollowOutcome {
    }
}
