package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.json.Json;
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
 * The SSE variant of a spoken answer: the stream's text events (with their ids from the stream's log) and
 * {@code {"type":"audio","seq":n,"format":…,"data":base64,"after":id}} events interleaved on one SSE stream. Audio
 * events carry no SSE {@code id}, so the last id a client saw is always a text event's and resuming from it (the
 * events URL, or this stream's audio URL) neither skips nor repeats text; {@code after} names the text event the
 * audio follows. A synthesis failure is this response's last event: an {@code error} event with the
 * {@code tts_…} code (without an id: it is not one of the stream's events), after which the response ends while
 * the answer completes in the background and is persisted.
 */
public final class SseAudioEvents implements EventSink, AudioSink {

    private final JerseySseEventSink sse;
    private final DialogueRef dialogue;
    private long lastId;
    private boolean audioFailed;

    public SseAudioEvents(JerseySseEventSink sse, DialogueRef dialogue) {
        this.sse = sse;
        this.dialogue = dialogue;
    }

    @Override
    public synchronized boolean send(StreamEvent event) {
        if (audioFailed) {
            return true;
        }
        lastId = event.id();
        return sse.send(event);
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
        node.put("after", lastId);
        node.put("threadId", dialogue.id().toString());
        return sse.sendBytes(("data: " + new String(Json.write(node), StandardCharsets.UTF_8) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void audioFailed(String code, String message) {
        if (audioFailed) {
            return;
        }
        ObjectNode error = SseFormat.json(new StreamEvent.Error(lastId + 1, dialogue, code, message));
        sse.sendBytes(("data: " + new String(Json.write(error), StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8));
        audioFailed = true;
        sse.finish();
    }
}
