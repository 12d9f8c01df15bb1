package io.llmstream.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an HTTP exchange with an upstream provider gave no usable response, in words both the LLM and the
 * text-to-speech adapters use: each maps these cases to its own port's failure codes with an exhaustive switch,
 * so a new case is a compile error in both rather than a silent default. Whether a case is worth another attempt
 * is decided here, once.
 */
public sealed interface UpstreamFailure {

    /** Whether the same request may succeed when sent again (only before anything of the answer was used). */
    boolean retryable();

    /**
     * Classifies the exception a {@code sendAsync} future completed with (its cause, unwrapped from the
     * {@code ExecutionException}).
     */
    static UpstreamFailure of(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        NoResponse.Kind kind;
        if (cause instanceof HttpConnectTimeoutException) {
            kind = NoResponse.Kind.CONNECT_TIMEOUT;
        } else if (cause instanceof HttpTimeoutException) {
            kind = NoResponse.Kind.RESPONSE_TIMEOUT;
        } else if (cause instanceof ConnectException) {
            kind = NoResponse.Kind.UNREACHABLE;
        } else {
            kind = NoResponse.Kind.BROKEN;
        }
        return new NoResponse(kind, cause);
    }

    /** The exchange ended before a response arrived; {@link #kind()} says how. Always worth another attempt. */
    record NoResponse(Kind kind, Throwable cause) implements UpstreamFailure {

        /** How an exchange ended without a response. */
        public enum Kind {
            /** The connect timeout fired: the upstream did not accept the connection in time. */
            CONNECT_TIMEOUT,
            /** The request's own timeout fired before the response headers arrived. */
            RESPONSE_TIMEOUT,
            /** The connection was refused or could not be opened (nothing listens, no route, DNS). */
            UNREACHABLE,
            /** Anything else: a reset, a TLS failure, a connection closed before the headers. */
            BROKEN
        }

        public NoResponse {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /**
     * The upstream answered with a status outside 2xx.
     *
     * @param status     the HTTP status
     * @param detail     the gist of the error body ({@link ErrorBodies#gist}), never empty
     * @param retryAfter the {@code Retry-After} header as sent, if any
     */
    record ErrorStatus(int status, String detail, Optional<String> retryAfter) implements UpstreamFailure {
        public ErrorStatus {
            if (status / 100 == 2 || status < 100 || status > 999) {
                throw new IllegalArgumentException("status must be an HTTP status outside 2xx, was " + status);
            }
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        /**
         * Reads the gist of {@code response}'s body (at most {@value ErrorBodies#MAX_BODY_BYTES} bytes) and closes it;
         * a body that cannot be read is named as such in {@link #detail()}.
         *
         * @throws IllegalArgumentException when the status is 2xx
         */
        public static ErrorStatus read(HttpResponse<? extends InputStream> response) {
            InputStream body = response.body();
            String detail = ErrorBodies.gist(body);
            try {
                body.close();
            } catch (IOException ignored) {
                // the exchange is over either way; closing only releases the connection early
            }
            return new ErrorStatus(response.statusCode(), detail, response.headers().firstValue("retry-after"));
        }

        /** 408 (the server timed the request out), 429 (rate limited) and 5xx (the server failed) may pass later. */
        @Override
        public boolean retryable() {
            return status == 408 || status == 429 || status >= 500;
        }

        /** 429: the provider limits the rate of requests. */
        public boolean rateLimited() {
            return status == 429;
        }

        /** 401 or 403: the provider refused the credentials. */
        public boolean credentialsRefused() {
            return status == 401 || status == 403;
        }
    }

    /** The message of {@code cause}, or its type when it has none (a refused connection often has none). */
    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
