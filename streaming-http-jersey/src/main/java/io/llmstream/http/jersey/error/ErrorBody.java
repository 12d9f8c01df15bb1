package io.llmstream.http.jersey.error;

import io.llmstream.http.jersey.json.Fields;
import io.llmstream.http.jersey.json.Json;
import io.llmstream.http.jersey.json.Requests;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The JSON body of every error answered outside a stream: {@code {"statusCode","message","error"}}. */
@JsonPropertyOrder({"statusCode", "message", "error"})
public record ErrorBody(@JsonProperty("statusCode") int statusCode, @JsonProperty("message") String message,
        @JsonProperty("error") String error, @JsonIgnore Map<String, String> fields) {

    static ErrorBody of(int status, String message) {
        return new ErrorBody(status, message, reason(status), Map.of());
    }

    /** What a refusal adds, e.g. {@code stream_id} of a 409 or {@code message_id} of a 410. */
    @JsonAnyGetter
    Map<String, String> extra() {
        return fields;
    }

    /** The body as bytes, for answers written by the container outside Jersey. */
    public static byte[] json(int status, String message) {
        return Json.write(of(status, message));
    }

    public static Response response(int status, String message) {
        return response(status, message, Map.of());
    }

    public static Response response(int status, String message, Map<String, String> headers) {
        return response(status, message, headers, Map.of());
    }

    public static Response response(int status, String message, Map<String, String> headers, Map<String, String> fields) {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, message, reason(status), Map.copyOf(fields)));
        headers.forEach(builder::header);
        return builder.build();
    }

    public static String reason(int status) {
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
