package io.llmstream.adapter.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.model.TokenUsage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A stream event as the JSON value of its Redis Stream entry; every field written explicitly (no reflection). */
final class StreamEventCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamEventCodec() {
    }

    static String encode(StreamEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", event.id());
        node.put("k", event.dialogue().kind().name());
        node.put("d", event.dialogue().id().toString());
        switch (event) {
            case StreamEvent.Chunk chunk -> node.put("t", "chunk").put("content", chunk.content());
            case StreamEvent.Paused paused -> node.put("t", "paused");
            case StreamEvent.Resumed resumed -> node.put("t", "resumed");
            case StreamEvent.Error error -> node.put("t", "error").put("code", error.code()).put("message", error.message());
            case StreamEvent.Done done -> done(node, done);
        }
        return node.toString();
    }

    static StreamEvent decode(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stream entry is not valid JSON", e);
        }
        long id = node.get("id").asLong();
        DialogueRef dialogue = new DialogueRef(DialogueKind.valueOf(node.get("k").asText()), UUID.fromString(node.get("d").asText()));
        return switch (node.get("t").asText()) {
            case "chunk" -> new StreamEvent.Chunk(id, dialogue, node.get("content").asText());
            case "paused" -> new StreamEvent.Paused(id, dialogue);
            case "resumed" -> new StreamEvent.Resumed(id, dialogue);
            case "error" -> new StreamEvent.Error(id, dialogue, node.get("code").asText(), node.get("message").asText());
            case "done" -> done(id, dialogue, node);
            default -> throw new IllegalStateException("unknown stream entry type " + node.get("t"));
        };
    }

    private static void done(ObjectNode node, StreamEvent.Done done) {
        node.put("t", "done").put("content", done.content()).put("message_id", done.messageId().toString())
                .put("provider", done.provider()).put("model", done.model()).put("stream_id", done.streamId().toString())
                .put("status", done.status().name());
        done.reason().ifPresent(reason -> node.put("reason", reason));
        done.usage().ifPresent(usage -> node.putObject("usage").put("prompt", usage.promptTokens())
                .put("completion", usage.completionTokens()));
        citations(node.putArray("citations"), done.citations());
        citations(node.putArray("retrieved"), done.retrieved());
    }

    private static StreamEvent.Done done(long id, DialogueRef dialogue, JsonNode node) {
        Optional<TokenUsage> usage = Optional.ofNullable(node.get("usage"))
                .map(u -> new TokenUsage(u.get("prompt").asInt(), u.get("completion").asInt()));
        return new StreamEvent.Done(id, dialogue, node.get("content").asText(), citations(node.get("citations")),
                citations(node.get("retrieved")), UUID.fromString(node.get("message_id").asText()), usage,
                node.get("provider").asText(), node.get("model").asText(), UUID.fromString(node.get("stream_id").asText()),
                StreamStatus.valueOf(node.get("status").asText()), Optional.ofNullable(node.get("reason")).map(JsonNode::asText));
    }

    private static void citations(ArrayNode array, List<Citation> citations) {
        for (Citation c : citations) {
            ObjectNode node = array.addObject().put("id", c.id()).put("content", c.content()).put("score", c.score())
                    .put("document", c.documentId()).put("chunk", c.chunkIndex()).put("title", c.title())
                    .put("first_score", c.firstStageScore()).put("first_rank", c.firstStageRank());
            c.secondStageScore().ifPresent(s -> node.put("second_score", s));
        }
    }

    private static List<Citation> citations(JsonNode array) {
        List<Citation> citations = new ArrayList<>(array.size());
        for (JsonNode c : array) {
            citations.add(new Citation(c.get("id").asText(), c.get("content").asText(), c.get("score").asDouble(),
                    c.get("document").asText(), c.get("chunk").asInt(), c.get("title").asText(), c.get("first_score").asDouble(),
                    c.get("first_rank").asInt(), Optional.ofNullable(c.get("second_score")).map(JsonNode::asDouble)));
        }
        return citations;
    }
}
