package io.llmstream.http.jersey;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP API is served.
 *
 * @param basePath          path prefix of every API endpoint (not of {@code /health}, {@code /metrics}, {@code /openapi.json}),
 *                          e.g. {@code /api}; {@code ""} or {@code "/"} serves the API at the root
 * @param heartbeatInterval a comment line is written to an SSE stream when nothing else was written for this long;
 *                          it keeps proxies from closing the connection and detects a client that left
 * @param maxBodyBytes      largest JSON request body; a larger one is answered 413
 * @param maxUploadBytes    largest request body of {@code POST /v1/artifacts} (JSON or multipart); a larger one is answered 413
 * @param maxMessageLength  most characters of a user message; a longer one is answered 400
 */
public record HttpSettings(String basePath, Duration heartbeatInterval, long maxBodyBytes, long maxUploadBytes,
        int maxMessageLength) {

    public static final String DEFAULT_BASE_PATH = "/api";
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 100_000;

    public HttpSettings {
        Objects.requireNonNull(basePath, "basePath is required");
        basePath = normalise(basePath);
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval is required");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeatInterval must be positive, was " + heartbeatInterval);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be 1 or more, was " + maxBodyBytes);
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be 1 or more, was " + maxUploadBytes);
        }
        if (maxMessageLength < 1) {
            throw new IllegalArgumentException("maxMessageLength must be 1 or more, was " + maxMessageLength);
        }
    }

    /** Base path {@code /api}, heartbeat 15 s, bodies up to 1 MiB, uploads up to 10 MiB, messages up to 100,000 characters. */
    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_BASE_PATH, DEFAULT_HEARTBEAT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES,
                DEFAULT_MAX_MESSAGE_LENGTH);
    }

    public HttpSettings withBasePath(String path) {
        return new HttpSettings(path, heartbeatInterval, maxBodyBytes, maxUploadBytes, maxMessageLength);
    }

    public HttpSettings withHeartbeatInterval(Duration interval) {
        return new HttpSettings(basePath, interval, maxBodyBytes, maxUploadBytes, maxMessageLength);
    }

    public HttpSettings withLimits(long bodyBytes, long uploadBytes, int messageLength) {
        return new HttpSettings(basePath, heartbeatInterval, bodyBytes, uploadBytes, messageLength);
    }

    /** "/api/" and "api" become "/api"; "/" becomes "". */
    private static String normalise(String path) {
        String trimmed = path.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return "";
        }
        String withSlash = trimmed.startsWith("/") ? trimmed : "/" + trimmed;
        if (!withSlash.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException(
                    "basePath may contain only segments of letters, digits, '.', '_', '~' and '-', was '" + path + "'");
        }
        return withSlash;
    }
}
