package io.llmstream.core.model;

/**
 * The machine-readable codes of {@link StreamEvent.Error} events (and {@code done} reasons) that the core itself
 * emits; the LLM's and the speech synthesiser's codes are {@code LlmException.Code} and
 * {@code SpeechException.Code}.
 */
public final class ErrorCodes {

    /** The server is shutting down and ended the stream. */
    public static final String SHUTDOWN = "shutdown";
    /** The stream ran longer than the configured maximum duration. */
    public static final String LIMIT_DURATION = "limit_duration";
    /** The answer grew longer than the configured maximum number of characters. */
    public static final String LIMIT_ANSWER_LENGTH = "limit_answer_length";
    /** Every client left and none came back within the detach grace period; the answer is stored as interrupted. */
    public static final String CLIENT_GONE = "client_gone";
    /** A user stopped the stream (stored as the message's code; the {@code done} event says {@code status: stopped}). */
    public static final String STOPPED = "stopped";
    /** This subscriber fell behind the retained part of the log; it is closed, the stream goes on. */
    public static final String LAGGING = "lagging";
    /** The stream stayed paused longer than allowed; it ended as stopped (a {@code done} reason). */
    public static final String PAUSE_TIMEOUT = "pause_timeout";
    /** An unexpected failure inside the service (a bug); details are in the server's log. */
    public static final String INTERNAL = "internal";

    private ErrorCodes() {
    }
}
