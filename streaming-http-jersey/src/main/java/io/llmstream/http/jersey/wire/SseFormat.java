package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.json.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of the SSE contract: every event unnamed, {@code id: N}, one {@code data:} line of JSON, a
 * blank line. JSON escapes line breaks inside strings, so the data never spans two lines.
 */
final class SseFormat {

    static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
    /** Sent once at the start of every SSE response: how long a browser's {@code EventSource} waits before it reconnects. */
    static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.UTF_8);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SseFormat() {
    }

    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * The bytes of one event. Chunks, the hot path (one per upstream delta), are written straight into the
     * output with a streaming generator; the rare final events go through the tree of {@link #json}, which
     * yields the same bytes for the same fields.
     */
    static byte[] event(StreamEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(("id: " + event.id() + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
        if (event instanceof StreamEvent.Chunk chunk) {
            try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("type", "chunk");
                json.writeStringField("content", chunk.content());
                json.writeStringField(dialogueKey(chunk.dialogue()), chunk.dialogue().id().toString());
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory cannot fail", e);
            }
        } else {
            out.writeBytes(Json.write(json(event)));
        }
        out.writeBytes(END);
        return out.toByteArray();
    }

    private static String dialogueKey(DialogueRef dialogue) {
        return dialogue.kind() == DialogueKind.CONVERSATION ? "threadId" : "chatId";
    }

    static ObjectNode json(StreamEvent event) {
        ObjectNode node = NODES.objectNode();
        switch (event) {
            case StreamEvent.Chunk chunk -> {
                node.put("type", "chunk");
                node.put("content", chunk.content());
                dialogue(node, chunk.dialogue());
            }
            case StreamEvent.Done done -> {
                node.put("type", "done");
                node.put("content", done.content());
                dialogue(node, done.dialogue());
                ArrayNode citations = node.putArray("citations");
                done.citations().forEach(c -> citations.add(citation(c)));
                ArrayNode retrieved = node.putArray("retrieved");
                done.retrieved().forEach(c -> retrieved.add(citation(c)));
                node.put("messageId", done.messageId().toString());
                done.usage().ifPresent(u -> {
                    ObjectNode usage = node.putObject("usage");
                    usage.put("promptTokens", u.promptTokens());
                    usage.put("completionTokens", u.completionTokens());
                    usage.put("totalTokens", u.totalTokens());
                });
                node.put("provider", done.provider());
                node.put("model", done.model());
                node.put("streamId", done.streamId().toString());
                node.put("status", done.status().wireName());
                done.reason().ifPresent(reason -> node.put("reason", reason));
            }
            case StreamEvent.Paused paused -> {
                node.put("type", "paused");
                dialogue(node, paused.dialogue());
            }
            case StreamEvent.Resumed resumed -> {
                node.put("type", "resumed");
                dialogue(node, resumed.dialogue());
            }
            case StreamEvent.Error error -> {
                node.put("type", "error");
                node.put("message", error.message());
                node.put("code", error.code());
                dialogue(node, error.dialogue());
            }
        }
        return node;
    }

    private static void dialogue(ObjectNode node, DialogueRef dialogue) {
        node.put(dialogueKey(dialogue), dialogue.id().toString());
    }

    private static ObjectNode citation(Citation c) {
        ObjectNode node = NODES.objectNode();
        node.put("id", c.id());
        node.put("content", c.content());
        node.put("score", c.score());
        node.put("firstStageScore", c.firstStageScore());
        node.put("firstStageRank", c.firstStageRank());
        if (c.secondStageScore().isPresent()) {
            node.put("secondStageScore", c.secondStageScore().get());
        } else {
            node.putNull("secondStageScore");
        }
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("documentId", c.documentId());
        metadata.put("chunkIndex", c.chunkIndex());
        metadata.put("title", c.title());
        return node;
    }
}
