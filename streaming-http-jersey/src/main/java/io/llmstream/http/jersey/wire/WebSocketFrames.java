package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.error.Outcomes;
import io.llmstream.http.jersey.json.Json;
import io.llmstream.http.jersey.json.Views;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.in.FollowOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The JSON text frames the server sends over a WebSocket, one object each. */
final class WebSocketFrames {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WebSocketFrames() {
    }

    /** A stream's event: its SSE data JSON plus {@code stream_id} and {@code id}. */
    static String event(UUID streamId, StreamEvent event) {
        ObjectNode node = SseFormat.json(event);
        node.put("stream_id", streamId.toString());
        node.put("id", event.id());
        return text(node);
    }

    static String started(String requestId, UUID streamId) {
        ObjectNode node = typed("stream.started", requestId);
        node.put("stream_id", streamId.toString());
        return text(node);
    }

    static String status(String requestId, Views.StreamResourceView view) {
        ObjectNode node = typed("stream.status", requestId);
        node.set("stream", Json.MAPPER.valueToTree(view));
        return text(node);
    }

    static String unsubscribed(String requestId, UUID streamId) {
        ObjectNode node = typed("unsubscribed", requestId);
        node.put("stream_id", streamId.toString());
        return text(node);
    }

    static String pong(String requestId) {
        return text(typed("pong", requestId));
    }

    static String error(String requestId, int status, String message, Map<String, String> fields) {
        ObjectNode node = typed("error", requestId);
        node.put("status", status);
        node.put("code", code(status));
        node.put("message", message);
        fields.forEach(node::put);
        return text(node);
    }

    static String error(String requestId, ApiException refusal) {
        return error(requestId, refusal.status(), refusal.getMessage(), refusal.fields());
    }

    /** Stable machine-readable names of the statuses a frame can answer with. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 410 -> "gone";
            case 429 -> "too_many_requests";
            case 503 -> "unavailable";
            default -> "internal_error";
        };
    }

    private static ObjectNode typed(String type, String requestId) {
        ObjectNode node = NODES.objectNode();
        node.put("type", type);
        if (requestId != null) {
            node.put("request_id", requestId);
        }
        return node;
    }

    static String text(ObjectNode node) {
        return new String(Json.write(node), StandardCharsets.UTF_8);
    }

    /** The error frame a subscription ends with when it could not follow its stream (naming it); empty when it did. */
    static Optional<String> refusal(String requestId, UUID streamId, FollowOutcome outcome) {
        return Outcomes.refusal(outcome).map(refused -> {
            Map<String, String> fields = new java.util.TreeMap<>(refused.fields());
            fields.put("stream_id", streamId.toString());
            return error(requestId, refused.status(), refused.getMessage(), fields);
        });
    }
}
