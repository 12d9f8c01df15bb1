package io.llmstream.core.port;

import io.llmstream.core.CoreException;
import java.util.Locale;
import java.util.Objects;

/** Failure of a {@link SpeechSynthesizer}; {@link #code()} says which kind, the message says what happened. */
public class SpeechException extends CoreException {

    /** Kinds of synthesis failure; {@link #wireCode()} is what clients see in the {@code error} event. */
    public enum Code implements ErrorCode {
        /** The provider cannot speak now: not configured, engine not installed, unknown voice. */
        UNAVAILABLE,
        /** The upstream could not be reached. */
        CONNECT_FAILED,
        /** The upstream answered with an HTTP error status. */
        HTTP_ERROR,
        /** A configured time limit fired. */
        TIMEOUT,
        /** The engine or upstream produced something that is not the expected audio. */
        MALFORMED_AUDIO,
        /** The local engine failed (non-zero exit, crashed). */
        ENGINE_FAILED,
        /** The speech was closed by the caller. */
        CANCELLED;

        @Override
        public String wireCode() {
            return "tts_" + name().toLowerCase(Locale.ROOT);
        }
    }

    private final Code code;

    public SpeechException(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public SpeechException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public Code code() {
        return code;
    }
}
