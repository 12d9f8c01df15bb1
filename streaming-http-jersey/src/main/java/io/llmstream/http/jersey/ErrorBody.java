package io.llmstream.http.jersey;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The JSON body of every error answered outside a stream: {@code {"statusCode","message","error"}}. */
@JsonPropertyOrder({"statusCode", "message", "error"})
record ErrorBody(@JsonProperty("statusCode") int statusCode, @JsonProperty("message") String message,
        @JsonProperty("error") String error) {

    static ErrorBody of(int status, String message) {
        return new ErrorBody(status, message, reason(status));
    }

    /** The body as bytes, for answers written by the container outside Jersey. */
    static byte[] json(int status, String message) {
        return Json.write(of(status, message));
    }

    static Response response(int status, String message) {
        return response(status, message, Map.of());
    }

    static Response response(int status, String message, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(of(status, message));
        headers.forEach(builder::header);
        return builder.build();
    }

    static String reason(int status) {
        return switch (status) {
            case 413 -> "Payload Too Large";
            case 408 -> "Request Timeout";
            case 414 -> "URI Too Long";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : Response.Status.Family.familyOf(status).name();
            }
        };
    }
}
