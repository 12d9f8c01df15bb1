package io.llmstream.http.jersey;

import jakarta.ws.rs.core.Response.Status;
import java.util.Map;

/** An expected refusal of a request, answered with its status and a JSON error body carrying the message. */
public final class ApiException extends HttpAdapterException {

    private final int status;
    private final transient Map<String, String> headers;
    private final transient Map<String, String> fields;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, String> headers) {
        this(status, message, headers, Map.of());
    }

    /** @param fields added to the JSON body, e.g. the {@code stream_id} a 409 names */
    public ApiException(int status, String message, Map<String, String> headers, Map<String, String> fields) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.fields = Map.copyOf(fields);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Status.BAD_REQUEST.getStatusCode(), message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Status.NOT_FOUND.getStatusCode(), message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(Status.CONFLICT.getStatusCode(), message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(Status.SERVICE_UNAVAILABLE.getStatusCode(), message);
    }

    public static ApiException tooLarge(long limit) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(),
                "the request body must be at most " + limit + " bytes");
    }

    public static ApiException unsupportedType(String message) {
        return new ApiException(Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode(), message);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
