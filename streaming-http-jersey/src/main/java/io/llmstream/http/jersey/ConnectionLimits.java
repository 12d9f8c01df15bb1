package io.llmstream.http.jersey;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the HTTP connection itself, enforced by the container before Jersey sees a request.
 *
 * @param bodyTimeout    longest a request body may take to arrive after its headers; a slower one is answered 408
 *                       and the connection closed. No thread waits for a body meanwhile.
 * @param maxHeaderBytes largest request line plus headers; a larger request is answered 431
 * @param maxBodyBytes   most bytes of a body buffered before it is handed to Jersey (whose own limits then answer 413)
 */
public record ConnectionLimits(Duration bodyTimeout, int maxHeaderBytes, long maxBodyBytes) {

    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    /** Room for the documented 16 KiB bearer token plus ordinary headers. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 32 * 1024;

    public ConnectionLimits {
        Objects.requireNonNull(bodyTimeout, "bodyTimeout is required");
        if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("bodyTimeout must be positive, was " + bodyTimeout);
        }
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderBytes must be 1024 or more, was " + maxHeaderBytes);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be 1 or more, was " + maxBodyBytes);
        }
    }

    /** Bodies within 10 s, headers up to 32 KiB, bodies buffered up to the larger of the settings' body limits. */
    public static ConnectionLimits defaults(HttpSettings settings) {
        return new ConnectionLimits(DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_HEADER_BYTES,
                Math.max(settings.maxBodyBytes(), settings.maxUploadBytes()));
    }

    public ConnectionLimits withBodyTimeout(Duration timeout) {
        return new ConnectionLimits(timeout, maxHeaderBytes, maxBodyBytes);
    }
}
