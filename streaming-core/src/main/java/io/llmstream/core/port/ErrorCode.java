package io.llmstream.core.port;

import java.util.Locale;

/**
 * Every machine-readable code a client can see in an {@code error} event, a {@code done} reason or a stored
 * message's {@code error_code}: one sealed family, so a new code is a new constant of one of its three kinds and
 * nothing else spells a code. {@link #wireCode()} is the string on the wire (docs/api.md lists them all).
 *
 * <p>It lives beside {@link LlmException} and {@link SpeechException} because a sealed type's permitted
 * subclasses must share its package while the core runs in the unnamed module.
 */
public sealed interface ErrorCode permits ErrorCode.Stream, LlmException.Code, SpeechException.Code {

    /** The code as clients see it, e.g. {@code client_gone}, {@code llm_timeout}, {@code tts_engine_failed}. */
    String wireCode();

    /** Why the core itself ended a stream (the LLM's and the synthesiser's failures are their own kinds). */
    enum Stream implements ErrorCode {
        /** The server is shutting down and ended the stream. */
        SHUTDOWN,
        /** The stream ran longer than the configured maximum duration. */
        LIMIT_DURATION,
        /** The answer grew longer than the configured maximum number of characters. */
        LIMIT_ANSWER_LENGTH,
        /** Every client left and none came back within the detach grace period; the answer is stored as interrupted. */
        CLIENT_GONE,
        /** A user stopped the stream (stored as the message's code; the {@code done} event says {@code status: stopped}). */
        STOPPED,
        /** This subscriber fell behind the retained part of the log; it is closed, the stream goes on. */
        LAGGING,
        /** The stream stayed paused longer than allowed; it ended as stopped (a {@code done} reason). */
        PAUSE_TIMEOUT,
        /** The node generating the stream was lost (several nodes on Redis); another node ended it and stored its text so far as interrupted. */
        NODE_LOST,
        /** The stream's shared store (Redis) could not be reached; the stream ended, its text so far stored as interrupted. */
        ENGINE_UNAVAILABLE,
        /** An unexpected failure inside the service (a bug); details are in the server's log. */
        INTERNAL;

        @Override
        public String wireCode() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
