package io.llmstream.adapter.persistence.jooq;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.model.Citation;
import io.llmstream.core.port.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the JSON text columns (citations, custom parameters). The stored field names are spelled out
 * here rather than derived from the records, so renaming a record component cannot orphan stored rows.
 */
final class JsonColumns {

    /** Buffers from a pool shared by all threads: streams run on virtual threads of their own (no per-thread pools). */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build());

    private JsonColumns() {
    }

    static String citations(List<Citation> citations) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Citation citation : citations) {
            ObjectNode node = array.addObject()
                    .put("id", citation.id())
                    .put("content", citation.content())
                    .put("score", citation.score())
                    .put("document_id", citation.documentId())
                    .put("chunk_index", citation.chunkIndex())
                    .put("title", citation.title())
                    .put("first_stage_score", citation.firstStageScore())
                    .put("first_stage_rank", citation.firstStageRank());
            citation.secondStageScore().ifPresent(score -> node.put("second_stage_score", score));
        }
        return write(array);
    }

    static List<Citation> citations(String json) {
        JsonNode array = read(json, "citations");
        List<Citation> citations = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            // rows stored before the stage fields: a single stage, ranked by their order in the list
            double score = node.path("score").asDouble();
            JsonNode second = node.path("second_stage_score");
            citations.add(new Citation(
                    node.path("id").asText(),
                    node.path("content").asText(),
                    score,
                    node.path("document_id").asText(),
                    node.path("chunk_index").asInt(),
                    node.path("title").asText(""),
                    node.path("first_stage_score").asDouble(score),
                    node.path("first_stage_rank").asInt(citations.size() + 1),
                    second.isNumber() ? Optional.of(second.asDouble()) : Optional.empty()));
        }
        return citations;
    }

    static String parameters(Map<String, String> parameters) {
        ObjectNode object = MAPPER.createObjectNode();
        // sorted, so equal maps are stored as equal text
        parameters.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> object.put(entry.getKey(), entry.getValue()));
        return write(object);
    }

    static Map<String, String> parameters(String json) {
        JsonNode object = read(json, "custom parameters");
        Map<String, String> parameters = new LinkedHashMap<>();
        object.properties().forEach(entry -> parameters.put(entry.getKey(), entry.getValue().asText()));
        return parameters;
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new StoreException("could not write a JSON column", e);
        }
    }

    private static JsonNode read(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored " + what + " are not valid JSON", e);
        }
    }
}
