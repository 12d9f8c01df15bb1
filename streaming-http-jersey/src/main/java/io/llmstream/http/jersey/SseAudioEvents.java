package io.llmstream.http.jersey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.model.AudioChunk;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.AudioSink;
import io.llmstream.core.port.EventSink;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The SSE variant of a spoken answer: text events and {@code {"type":"audio","seq":n,"format":…,"data":base64}}
 * events interleaved on one SSE stream, numbered together 1, 2, 3, … in the order they are written.
 * A synthesis failure is the stream's one final event: an {@code error} event with the {@code tts_…} code,
 * after which the response ends while the answer completes in the background and is persisted.
 */
final class SseAudioEvents implements EventSink, AudioSink {

    private final JerseySseEventSink sse;
    private final DialogueRef dialogue;
    private long lastId;
    private boolean audioFailed;

    SseAudioEvents(JerseySseEventSink sse, DialogueRef dialogue) {
        this.sse = sse;
        this.dialogue = dialogue;
    }

    @Override
    public synchronized boolean send(StreamEvent event) {
        if (audioFailed) {
            return true;
        }
        return sse.send(renumbered(event, ++lastId));
    }

    @Override
    public boolean isOpen() {
        return sse.isOpen();
    }

    @Override
    public void onClose(Runnable callback) {
        sse.onClose(callback);
    }

    @Override
    public synchronized boolean audio(AudioChunk chunk) {
        if (audioFailed) {
            return false;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "audio");
        node.put("seq", chunk.seq());
        node.put("format", chunk.format().wireName());
        node.put("data", Base64.getEncoder().encodeToString(chunk.data()));
        node.put("threadId", dialogue.id().toString());
        return sse.sendBytes(("id: " + ++lastId + "\ndata: " + new String(Json.write(node), StandardCharsets.UTF_8) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void audioFailed(String code, String message) {
        if (audioFailed) {
            return;
        }
        sse.send(new StreamEvent.Error(++lastId, dialogue, code, message));
        audioFailed = true;
        sse.finish();
    }

    private static StreamEvent renumbered(StreamEvent event, long id) {
        return switch (event) {
            case StreamEvent.Chunk c -> new StreamEvent.Chunk(id, c.dialogue(), c.content());
            case StreamEvent.Done d -> new StreamEvent.Done(id, d.dialogue(), d.content(), d.citations(), d.messageId(),
                    d.usage(), d.provider(), d.model());
            case StreamEvent.Error e -> new StreamEvent.Error(id, e.dialogue(), e.code(), e.message());
        };
    }
}
