package io.llmstream.http.jersey;

import jakarta.ws.rs.core.Response.Status;
import java.util.Map;

/** An expected refusal of a request, answered with its status and a JSON error body carrying the message. */
final class ApiException extends HttpAdapterException {

    private final int status;
    private final transient Map<String, String> headers;

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    ApiException(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    static ApiException badRequest(String message) {
        return new ApiException(Status.BAD_REQUEST.getStatusCode(), message);
    }

    static ApiException notFound(String message) {
        return new ApiException(Status.NOT_FOUND.getStatusCode(), message);
    }

    static ApiException conflict(String message) {
        return new ApiException(Status.CONFLICT.getStatusCode(), message);
    }

    static ApiException unavailable(String message) {
        return new ApiException(Status.SERVICE_UNAVAILABLE.getStatusCode(), message);
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(),
                "the request body must be at most " + limit + " bytes");
    }

    static ApiException unsupportedType(String message) {
        return new ApiException(Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode(), message);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
