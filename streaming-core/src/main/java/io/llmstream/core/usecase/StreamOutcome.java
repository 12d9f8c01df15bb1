package io.llmstream.core.usecase;

import io.llmstream.core.model.Message;

/**
 * How a call of a streaming use case ended. {@link NotFound}, {@link Rejected} and {@link Unavailable}
 * are decided before any event is sent, so the caller can still answer with an HTTP error;
 * {@link Answered} means events were sent (ending with {@code done} or {@code error}, unless the client left).
 */
public sealed interface StreamOutcome {

    /** The thread or chat does not exist for this owner. */
    record NotFound(String message) implements StreamOutcome {
    }

    /** The request names something that cannot be served, e.g. an unknown provider. */
    record Rejected(String field, String message) implements StreamOutcome {
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
