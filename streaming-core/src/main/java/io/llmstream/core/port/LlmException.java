package io.llmstream.core.port;

import io.llmstream.core.CoreException;
import java.util.Locale;
import java.util.Objects;

/** Failure of an {@link LlmStream}; {@link #code()} says which kind, the message says what happened. */
public class LlmException extends CoreException {

    /** Kinds of LLM failure; {@link #wireCode()} is what clients see in the {@code error} event. */
    public enum Code implements ErrorCode {
        /** The provider named in the request is not configured. */
        UNKNOWN_PROVIDER,
        /** The upstream could not be reached (DNS, refused, TLS, reset before a response). */
        CONNECT_FAILED,
        /** The upstream answered with an HTTP error status. */
        HTTP_ERROR,
        /** The upstream answered 429 and retries were exhausted. */
        RATE_LIMITED,
        /** A configured time limit fired; the message names which one. */
        TIMEOUT,
        /** The upstream sent bytes that are not the expected wire format. */
        MALFORMED_STREAM,
        /** The upstream reported an error inside the stream. */
        UPSTREAM_ERROR,
        /** The stream ended without its end marker. */
        TRUNCATED,
        /** The completion was closed by the caller. */
        CANCELLED;

        @Override
        public String wireCode() {
            return "llm_" + name().toLowerCase(Locale.ROOT);
        }
    }

    private final Code code;

    public LlmException(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public LlmException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public Code code() {
        return code;
    }
}
