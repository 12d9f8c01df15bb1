package io.llmstream.adapter.persistence.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A message as one journal record: JSON with the field names spelled out, so renaming a record cannot orphan a journal. */
final class MessageCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MessageCodec() {
    }

    static byte[] encode(Message message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", message.id().toString());
        node.put("dialogueKind", message.dialogue().kind().name());
        node.put("dialogueId", message.dialogue().id().toString());
        node.put("role", message.role().wireName());
        node.put("content", message.content());
        node.put("status", message.status().wireName());
        ArrayNode citations = node.putArray("citations");
        for (Citation c : message.citations()) {
            ObjectNode citation = citations.addObject().put("id", c.id()).put("content", c.content()).put("score", c.score())
                    .put("documentId", c.documentId()).put("chunkIndex", c.chunkIndex()).put("title", c.title())
                    .put("firstStageScore", c.firstStageScore()).put("firstStageRank", c.firstStageRank());
            c.secondStageScore().ifPresent(score -> citation.put("secondStageScore", score));
        }
        message.provider().ifPresent(v -> node.put("provider", v));
        message.model().ifPresent(v -> node.put("model", v));
        message.usage().ifPresent(u -> node.putObject("usage").put("prompt", u.promptTokens()).put("completion", u.completionTokens()));
        message.errorCode().ifPresent(v -> node.put("errorCode", v));
        node.put("createdAt", message.createdAt().toString());
        message.finishedAt().ifPresent(v -> node.put("finishedAt", v.toString()));
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Message decode(byte[] record) throws IOException {
        JsonNode node = MAPPER.readTree(record);
        List<Citation> citations = new ArrayList<>();
        for (JsonNode c : node.path("citations")) {
            // records written before the stage fields: a single stage, ranked by their order in the list
            double score = c.get("score").asDouble();
            JsonNode second = c.path("secondStageScore");
            citations.add(new Citation(c.get("id").asText(), c.get("content").asText(), score,
                    c.get("documentId").asText(), c.get("chunkIndex").asInt(), c.path("title").asText(""),
                    c.path("firstStageScore").asDouble(score), c.path("firstStageRank").asInt(citations.size() + 1),
                    second.isNumber() ? Optional.of(second.asDouble()) : Optional.empty()));
        }
        JsonNode usage = node.get("usage");
        return new Message(UUID.fromString(node.get("id").asText()),
                new DialogueRef(DialogueKind.valueOf(node.get("dialogueKind").asText()), UUID.fromString(node.get("dialogueId").asText())),
                MessageRole.fromWire(node.get("role").asText()), node.get("content").asText(),
                MessageStatus.fromWire(node.get("status").asText()), citations, text(node, "provider"), text(node, "model"),
                usage == null ? Optional.empty() : Optional.of(new TokenUsage(usage.get("prompt").asInt(), usage.get("completion").asInt())),
                text(node, "errorCode"), Instant.parse(node.get("createdAt").asText()),
                text(node, "finishedAt").map(Instant::parse));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
