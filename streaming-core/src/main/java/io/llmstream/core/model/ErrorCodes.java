package io.llmstream.core.model;

/**
 * Every machine-readable code a client can see in an {@code error} event, a {@code done} reason or a stored
 * message's {@code error_code}: the constants below, plus {@link #LLM_PREFIX}{@code <kind>} for each
 * {@code LlmException.Code} ({@code llm_timeout}, …) and {@link #TTS_PREFIX}{@code <kind>} for each
 * {@code SpeechException.Code} ({@code tts_engine_failed}, …), whose {@code wireCode()} is built from these prefixes.
 */
public final class ErrorCodes {

    /** The prefix of the LLM's failure codes. */
    public static final String LLM_PREFIX = "llm_";
    /** The prefix of the speech synthesiser's failure codes. */
    public static final String TTS_PREFIX = "tts_";

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
    /** The node generating the stream was lost (several nodes on Redis); another node ended it and stored its text so far as interrupted. */
    public static final String NODE_LOST = "node_lost";
    /** The stream's shared store (Redis) could not be reached; the stream ended, its text so far stored as interrupted. */
    public static final String ENGINE_UNAVAILABLE = "engine_unavailable";
    /** An unexpected failure inside the service (a bug); details are in the server's log. */
    public static final String INTERNAL = "internal";

    private ErrorCodes() {
    }
}
