package io.llmstream.core.model;

/** The machine-readable codes of {@link StreamEvent.Error} events that the core itself emits. */
public final class ErrorCodes {

    /** The server is shutting down and ended the stream. */
    public static final String SHUTDOWN = "shutdown";
    /** The stream ran longer than the configured maximum duration. */
    public static final String LIMIT_DURATION = "limit_duration";
    /** The answer grew longer than the configured maximum number of characters. */
    public static final String LIMIT_ANSWER_LENGTH = "limit_answer_length";
    /** An unexpected failure inside the service (a bug); details are in the server's log. */
    public static final String INTERNAL = "internal";

    private ErrorCodes() {
    }
}
