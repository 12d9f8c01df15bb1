package io.llmstream.http.jersey;

import io.llmstream.core.model.Character;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.KnowledgeDocument;
import io.llmstream.core.model.SearchToolConfig;
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
 * @param fieldLimits       lengths and ranges of other request fields; a violation is answered 400 naming the field
 * @param maxStreamsPerOwner most SSE streams one owner may have open at once; one more is answered 429 before any SSE byte
 * @param maxStreams        most SSE streams open at once in all; one more is answered 429 before any SSE byte
 */
public record HttpSettings(String basePath, Duration heartbeatInterval, long maxBodyBytes, long maxUploadBytes,
        int maxMessageLength, FieldLimits fieldLimits, int maxStreamsPerOwner, int maxStreams) {

    public static final String DEFAULT_BASE_PATH = "/api";
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 100_000;
    public static final int DEFAULT_MAX_STREAMS_PER_OWNER = 4;
    public static final int DEFAULT_MAX_STREAMS = 10_000;

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
        Objects.requireNonNull(fieldLimits, "fieldLimits is required");
        if (maxStreamsPerOwner < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("maxStreamsPerOwner and maxStreams must be 1 or more, were "
                    + maxStreamsPerOwner + " and " + maxStreams);
        }
    }

    /** With the default field limits and stream caps. */
    public HttpSettings(String basePath, Duration heartbeatInterval, long maxBodyBytes, long maxUploadBytes,
            int maxMessageLength) {
        this(basePath, heartbeatInterval, maxBodyBytes, maxUploadBytes, maxMessageLength, FieldLimits.defaults(),
                DEFAULT_MAX_STREAMS_PER_OWNER, DEFAULT_MAX_STREAMS);
    }

    /**
     * Base path {@code /api}, heartbeat 15 s, bodies up to 1 MiB, uploads up to 10 MiB, messages up to 100,000
     * characters, the core's field limits, 4 streams per owner and 10,000 in all.
     */
    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_BASE_PATH, DEFAULT_HEARTBEAT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES,
                DEFAULT_MAX_MESSAGE_LENGTH);
    }

    public HttpSettings withBasePath(String path) {
        return new HttpSettings(path, heartbeatInterval, maxBodyBytes, maxUploadBytes, maxMessageLength, fieldLimits,
                maxStreamsPerOwner, maxStreams);
    }

    public HttpSettings withHeartbeatInterval(Duration interval) {
        return new HttpSettings(basePath, interval, maxBodyBytes, maxUploadBytes, maxMessageLength, fieldLimits,
                maxStreamsPerOwner, maxStreams);
    }

    public HttpSettings withLimits(long bodyBytes, long uploadBytes, int messageLength) {
        return new HttpSettings(basePath, heartbeatInterval, bodyBytes, uploadBytes, messageLength, fieldLimits,
                maxStreamsPerOwner, maxStreams);
    }

    public HttpSettings withFieldLimits(FieldLimits limits) {
        return new HttpSettings(basePath, heartbeatInterval, maxBodyBytes, maxUploadBytes, maxMessageLength, limits,
                maxStreamsPerOwner, maxStreams);
    }

    public HttpSettings withStreamCaps(int perOwner, int total) {
        return new HttpSettings(basePath, heartbeatInterval, maxBodyBytes, maxUploadBytes, maxMessageLength, fieldLimits,
                perOwner, total);
    }

    /**
     * Limits of request fields, each at most the core's own (which it enforces regardless), so they can only be
     * tightened here.
     *
     * @param maxRoleLength         most characters of a character's role name (core: {@value Character#MAX_ROLE_LENGTH})
     * @param maxTitleLength        most characters of a document's or chat's title (core: {@value KnowledgeDocument#MAX_TITLE_LENGTH}
     *                              for documents, {@value Chat#MAX_TITLE_LENGTH} for chats)
     * @param maxSystemPromptLength most characters of a character's system prompt (core: {@value Character#MAX_SYSTEM_PROMPT_LENGTH})
     * @param maxTopK               largest {@code search_tool_config.top_k} (core: {@value SearchToolConfig#MAX_TOP_K})
     */
    public record FieldLimits(int maxRoleLength, int maxTitleLength, int maxSystemPromptLength, int maxTopK) {
        public FieldLimits {
            within("maxRoleLength", maxRoleLength, Character.MAX_ROLE_LENGTH);
            within("maxTitleLength", maxTitleLength, KnowledgeDocument.MAX_TITLE_LENGTH);
            within("maxSystemPromptLength", maxSystemPromptLength, Character.MAX_SYSTEM_PROMPT_LENGTH);
            within("maxTopK", maxTopK, SearchToolConfig.MAX_TOP_K);
        }

        /** The core's own limits. */
        public static FieldLimits defaults() {
            return new FieldLimits(Character.MAX_ROLE_LENGTH, KnowledgeDocument.MAX_TITLE_LENGTH,
                    Character.MAX_SYSTEM_PROMPT_LENGTH, SearchToolConfig.MAX_TOP_K);
        }

        private static void within(String name, int value, int max) {
            if (value < 1 || value > max) {
                throw new IllegalArgumentException(name + " must be within 1.." + max + ", was " + value);
            }
        }
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
