package io.llmstream.core.port.in;

import io.llmstream.core.model.Message;
import io.llmstream.core.model.StreamInfo;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * How a call of a streaming use case ended. {@link NotFound}, {@link Rejected}, {@link Busy} and
 * {@link Unavailable} are decided before anything is stored or started, so the caller can still answer with an
 * HTTP error; {@link Started} means the stream runs (its events go to its log, read them with
 * {@link FollowStream}); {@link Answered} means a stream ran to its end while the caller followed it.
 */
public sealed interface StreamOutcome {

    /** The thread or chat does not exist for this owner. */
    record NotFound(String message) implements StreamOutcome {
    }

    /** The request names something that cannot be served, e.g. an unknown provider. */
    record Rejected(String field, String message) implements StreamOutcome {
    }

    /** The dialogue has a stream running already: one answer at a time per dialogue. */
    record Busy(UUID streamId, String message) implements StreamOutcome {
    }

    /** The stream started: what it is, and the answer as stored once it has ended (never fails for an LLM failure). */
    record Started(StreamInfo stream, CompletionStage<Message> answer) implements StreamOutcome {
    }

    /** The dialogue could not be loaded because the store failed. */
    record Unavailable(String message) implements StreamOutcome {
    }

    /**
     * The answer as persisted (or handed to the writer): its status says whether it completed, failed or
     * was interrupted, and its content is the text generated so far.
     */
    record Answered(Message answer) implements StreamOutcome {
    }
}
