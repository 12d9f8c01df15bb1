package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.json.Fields;
import io.llmstream.http.jersey.json.Json;
import io.llmstream.http.jersey.json.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.port.in.AudioMessageCommand;
import io.llmstream.core.port.in.ChatMessageCommand;
import io.llmstream.core.port.in.ConversationMessageCommand;
import io.llmstream.core.port.in.FollowOutcome;
import io.llmstream.core.port.in.StreamOutcome;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads the client's messages of one connection into use-case calls, with the same validation as the HTTP bodies
 * (an {@link ApiException} names the field).
 */
final class WebSocketCommands {

    private final WebSocketEndpoint api;
    private final String owner;
    private final WebSocketConnection connection;

    WebSocketCommands(WebSocketEndpoint api, String owner, WebSocketConnection connection) {
        this.api = api;
        this.owner = owner;
        this.connection = connection;
    }

    /** How a send starts its stream, and how its first subscription follows it from there. */
    record Start(Supplier<StreamOutcome> starter, Follower follower) {
    }

    @FunctionalInterface
    interface Follower {
        FollowOutcome follow(UUID streamId, long afterId, WebSocketEventSink sink);
    }

    Follower text() {
        return (streamId, afterId, sink) -> api.follow().follow(owner, streamId, afterId, sink);
    }

    Start chat(JsonNode message) {
        Requests.ChatMessageBody body = Json.read(bytes(message), Requests.ChatMessageBody.class);
        ChatMessageCommand command = new ChatMessageCommand(owner, Fields.uuid(text(message, "chat_id"), "chat_id"),
                Fields.message(body.message(), api.http().maxMessageLength()), Fields.optional(body.provider()),
                Fields.optional(body.model()));
        return new Start(() -> api.chats().start(command), text());
    }

    /** With {@code "audio":{"format":"mp3"|"wav"}} the answer is spoken too: audio frames between its events. */
    Start conversation(JsonNode message) {
        Requests.ConversationMessageBody body = Json.read(bytes(message), Requests.ConversationMessageBody.class);
        ConversationMessageCommand command = new ConversationMessageCommand(owner, Fields.uuid(body.threadId(), "thread_id"),
                Fields.message(body.message(), api.http().maxMessageLength()),
                Fields.search(body.searchToolConfig(), api.http().fieldLimits().maxTopK()),
                Fields.optional(body.provider()), Fields.optional(body.model()));
        JsonNode audio = message.get("audio");
        if (audio == null || audio.isNull()) {
            return new Start(() -> api.conversations().start(command), text());
        }
        if (!audio.isObject()) {
            throw ApiException.badRequest("audio must be an object like {\"format\":\"mp3\"}");
        }
        AudioFormat format = Fields.audioFormat(text(audio, "format"));
        AudioMessageCommand spoken = new AudioMessageCommand(command, format);
        return new Start(() -> api.speaking().start(spoken), (streamId, afterId, sink) -> api.speaking()
                .speak(owner, streamId, afterId, format, sink, new WebSocketAudioFrames(sink, connection, command.threadId())));
    }

    static UUID streamId(JsonNode message) {
        return Fields.uuid(text(message, "stream_id"), "stream_id");
    }

    static long afterId(JsonNode message) {
        JsonNode value = message.get("last_event_id");
        if (value == null || value.isNull()) {
            return 0;
        }
        return Fields.offset(null, value.asText());
    }

    private static String text(JsonNode message, String field) {
        JsonNode value = message.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    private static byte[] bytes(JsonNode message) {
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
