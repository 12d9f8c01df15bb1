package io.llmstream.http.jersey;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of the SSE contract: every event unnamed, {@code id: N}, one {@code data:} line of JSON, a
 * blank line. JSON escapes line breaks inside strings, so the data never spans two lines.
 */
final class SseFormat {

    static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SseFormat() {
    }

    static byte[] event(StreamEvent event) {
        return ("id: " + event.id() + "\ndata: " + new String(Json.write(json(event)), StandardCharsets.UTF_8) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
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
                node.put("messageId", done.messageId().toString());
                done.usage().ifPresent(u -> {
                    ObjectNode usage = node.putObject("usage");
                    usage.put("promptTokens", u.promptTokens());
                    usage.put("completionTokens", u.completionTokens());
                    usage.put("totalTokens", u.totalTokens());
                });
                node.put("provider", done.provider());
                node.put("model", done.model());
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
        node.put(dialogue.kind() == DialogueKind.CONVERSATION ? "threadId" : "chatId", dialogue.id().toString());
    }

    private static ObjectNode citation(Citation c) {
        ObjectNode node = NODES.objectNode();
        node.put("id", c.id());
        node.put("content", c.content());
        node.put("score", c.score());
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("documentId", c.documentId());
        metadata.put("chunkIndex", c.chunkIndex());
        return node;
    }
}
