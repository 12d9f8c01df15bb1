package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.model.AudioChunk;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.AudioSink;
import java.util.Base64;
import java.util.UUID;

/**
 * The spoken answer of a {@code conversation.send} with {@code audio}, as frames between the stream's events:
 * {@code {"type":"audio","seq","format","data":base64,"after":id,"threadId","stream_id"}}, like the SSE variant's audio
 * events. A synthesis failure sends an {@code error} frame with the {@code tts_…} code and ends this subscription;
 * the answer goes on and is stored.
 */
final class WebSocketAudioFrames implements AudioSink {

    private final WebSocketEventSink events;
    private final WebSocketConnection connection;
    private final DialogueRef dialogue;

    WebSocketAudioFrames(WebSocketEventSink events, WebSocketConnection connection, UUID threadId) {
        this.events = events;
        this.connection = connection;
        this.dialogue = DialogueRef.conversation(threadId);
    }

    @Override
    public boolean audio(AudioChunk chunk) {
        if (!events.isOpen()) {
            return false;
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", "audio");
        node.put("seq", chunk.seq());
        node.put("format", chunk.format().wireName());
        node.put("data", Base64.getEncoder().encodeToString(chunk.data()));
        node.put("after", events.lastId());
        node.put("threadId", dialogue.id().toString());
        node.put("stream_id", events.streamId().toString());
        return connection.enqueueWaiting(WebSocketFrames.text(node));
    }

    @Override
    public void audioFailed(String code, String message) {
        if (!events.isOpen()) {
            return;
        }
        ObjectNode error = SseFormat.json(new StreamEvent.Error(events.lastId() + 1, dialogue, code, message));
        error.put("stream_id", events.streamId().toString());
        connection.enqueueWaiting(WebSocketFrames.text(error));
        events.close();
    }
}
