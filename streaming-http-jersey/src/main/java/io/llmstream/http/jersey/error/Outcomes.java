package io.llmstream.http.jersey.error;

import io.llmstream.core.port.in.FollowOutcome;
import io.llmstream.core.port.in.StreamOutcome;
import io.llmstream.http.jersey.ApiException;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping from a use case's outcome to an HTTP refusal, for SSE, audio, the blocking answer and the WebSocket
 * alike (the WebSocket puts the same status and message into its {@code error} frame).
 */
public final class Outcomes {

    private static final String INTERNAL = "internal error; the details are in the server's log";

    private Outcomes() {
    }

    /** Why a stream did not start: 404, 400, 409 naming the running stream, 503, or 500 for what never should be. */
    public static ApiException refusal(StreamOutcome outcome) {
        return switch (outcome) {
            case StreamOutcome.NotFound notFound -> ApiException.notFound(notFound.message());
            case StreamOutcome.Rejected rejected -> ApiException.badRequest(rejected.message());
            case StreamOutcome.Busy busy -> new ApiException(409, busy.message(), Map.of(),
                    Map.of("stream_id", busy.streamId().toString()));
            case StreamOutcome.Unavailable unavailable -> ApiException.unavailable(unavailable.message());
            case StreamOutcome.Started started -> new ApiException(500, INTERNAL);
            case StreamOutcome.Answered answered -> new ApiException(500, INTERNAL);
            case null -> new ApiException(500, INTERNAL);
        };
    }

    /**
     * Why a subscriber got no stream: 404, 410 naming the stored message, 503, or 500 for a failure (null); empty when
     * it followed the stream or there was nothing new after its offset, which each transport answers in its own way.
     */
    public static Optional<ApiException> refusal(FollowOutcome outcome) {
        return Optional.ofNullable(switch (outcome) {
            case FollowOutcome.NotFound notFound -> ApiException.notFound(notFound.message());
            case FollowOutcome.Gone gone -> new ApiException(410, gone.message(), Map.of(),
                    Map.of("message_id", gone.messageId().toString()));
            case FollowOutcome.Unavailable unavailable -> ApiException.unavailable(unavailable.message());
            case FollowOutcome.NothingNew nothing -> null;
            case FollowOutcome.Followed followed -> null;
            case null -> new ApiException(500, INTERNAL);
        });
    }
}
