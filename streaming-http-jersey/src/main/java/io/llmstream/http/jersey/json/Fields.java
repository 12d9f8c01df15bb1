package io.llmstream.http.jersey.json;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.model.Character;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import io.llmstream.core.port.in.Result;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Checks of request fields whose failures name the field; and unwrapping of the core's results. */
public final class Fields {

    private Fields() {
    }

    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return value;
    }

    public static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public static UUID uuid(String value, String field) {
        required(value, field);
        return parseUuid(value).orElseThrow(() -> ApiException.badRequest(field + " must be a UUID, was '" + value + "'"));
    }

    /** An id in a path: a malformed one names nothing, so it is answered like an unknown one. */
    public static UUID pathId(String value, String what) {
        return parseUuid(value).orElseThrow(() -> ApiException.notFound(what + " '" + value + "' not found"));
    }

    /** A role name in a request body: 400 naming the field when it is too long or has characters a role cannot have. */
    public static String role(String value, String field, int maxLength) {
        required(value, field);
        if (value.length() > maxLength) {
            throw ApiException.badRequest(field + " must be at most " + maxLength + " characters, was " + value.length());
        }
        if (!Character.ROLE_PATTERN.matcher(value).matches()) {
            throw ApiException.badRequest(field + " may contain only letters, digits, '.', '_' and '-', and must start "
                    + "with a letter or digit");
        }
        return value;
    }

    /** Whether a role in a path or query can name a character at all; one that cannot is answered 404 unlooked-up. */
    public static boolean isRoleName(String value, int maxLength) {
        return value != null && value.length() <= maxLength && Character.ROLE_PATTERN.matcher(value).matches();
    }

    /** A text field with a length limit: 400 naming the field and the limit. */
    public static String maxLength(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw ApiException.badRequest(field + " must be at most " + maxLength + " characters, was " + value.length());
        }
        return value;
    }

    public static String message(String value, int maxLength) {
        required(value, "message");
        if (value.length() > maxLength) {
            throw ApiException.badRequest("message must be at most " + maxLength + " characters, was " + value.length());
        }
        return value;
    }

    /** Custom parameters are strings; numbers and booleans are taken as their text. */
    public static Map<String, String> parameters(Map<String, Object> values, String field) {
        if (values == null) {
            return Map.of();
        }
        return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
            Object v = e.getValue();
            if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float f && !Float.isFinite(f)) {
                throw ApiException.badRequest(field + "." + e.getKey() + " must be a finite number");
            }
            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                return v.toString();
            }
            throw ApiException.badRequest(field + "." + e.getKey() + " must be a string, number or boolean");
        }));
    }

    public static <T> T unwrap(Result<T> result) {
        return switch (result) {
            case Result.Ok<T> ok -> ok.value();
            case Result.NotFound<T> notFound -> throw ApiException.notFound(notFound.message());
            case Result.Conflict<T> conflict -> throw ApiException.conflict(conflict.message());
            case Result.Invalid<T> invalid -> throw ApiException.badRequest(naming(invalid.field(), invalid.message()));
        };
    }

    public static String naming(String field, String message) {
        return field == null || field.isBlank() || message.startsWith(field) ? message : field + ": " + message;
    }

    private static Optional<UUID> parseUuid(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The {@code search_tool_config} of a message body; 400 naming the field when it is invalid. */
    public static Optional<SearchToolConfig> search(Requests.SearchToolConfigBody body, int maxTopK) {
        if (body == null) {
            return Optional.empty();
        }
        SearchStrategy strategy;
        try {
            strategy = body.strategy() == null ? SearchStrategy.SINGLE_STAGE : SearchStrategy.fromWire(body.strategy());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("search_tool_config.strategy must be single_stage or two_stage, was '"
                    + body.strategy() + "'");
        }
        int topK = body.topK() == null ? Math.min(SearchToolConfig.DEFAULT_TOP_K, maxTopK) : body.topK();
        if (topK < SearchToolConfig.MIN_TOP_K || topK > maxTopK) {
            throw ApiException.badRequest("search_tool_config.top_k must be within " + SearchToolConfig.MIN_TOP_K + ".."
                    + maxTopK + ", was " + topK);
        }
        try {
            return Optional.of(new SearchToolConfig(strategy, topK));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** An audio format named on the wire; none = MP3. */
    public static AudioFormat audioFormat(String value) {
        if (value == null) {
            return AudioFormat.MP3;
        }
        try {
            return AudioFormat.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** The event id to resume after: the header wins over the query parameter; none = from the start. */
    public static long offset(String header, String param) {
        String value = header != null ? header.strip() : param;
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest("Last-Event-ID must be a non-negative integer (an event id of this stream), was '"
                    + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
        }
        return Long.parseLong(value);
    }
}
