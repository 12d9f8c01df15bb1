package io.llmstream.adapter.rag.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.RetrievalQuery;
import io.llmstream.core.port.ContextRetriever;
import io.llmstream.core.port.RetrievalException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ContextRetriever} backed by a search service the team already runs. It POSTs
 * {@code {"owner","characterId","query","strategy","topK"}} and expects {@code {"citations":[...]}} (or a bare
 * array) of citations in the API's shape {@code {"id","content","score","metadata":{"documentId","chunkIndex"}}}.
 * Scores are clamped to 0..1, the list sorted best first and cut to {@code topK}. A timeout, a non-2xx
 * answer or a malformed body is a {@link RetrievalException}.
 */
public final class HttpContextRetriever implements ContextRetriever {

    /** Buffers from a pool shared by all threads: streams run on virtual threads of their own (no per-thread pools). */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build());

    private final HttpRetrieverConfig config;
    private final HttpClient http;

    public HttpContextRetriever(HttpRetrieverConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    @Override
    public List<Citation> retrieve(RetrievalQuery query) {
        Objects.requireNonNull(query, "query");
        HttpResponse<String> response = send(query);
        if (response.statusCode() / 100 != 2) {
            throw new RetrievalException("search service " + config.endpoint() + " answered HTTP "
                    + response.statusCode());
        }
        try {
            return parse(response.body(), query.config().topK());
        } catch (IOException | RuntimeException e) {
            throw new RetrievalException("search service " + config.endpoint() + " sent an invalid answer: "
                    + e.getMessage(), e);
        }
    }

    private HttpResponse<String> send(RetrievalQuery query) {
        ObjectNode body = JSON.createObjectNode()
                .put("owner", query.owner())
                .put("characterId", query.characterId().toString())
                .put("query", query.text())
                .put("strategy", query.config().strategy().wireName())
                .put("topK", query.config().topK());
        HttpRequest.Builder request = HttpRequest.newBuilder(config.endpoint())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        config.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new RetrievalException("search service " + config.endpoint() + " timed out", e);
        } catch (IOException e) {
            throw new RetrievalException("search service " + config.endpoint() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetrievalException("interrupted while calling search service " + config.endpoint(), e);
        }
    }

    private static List<Citation> parse(String body, int topK) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode items = root.isArray() ? root : root.path("citations");
        if (!items.isArray()) {
            throw new IllegalArgumentException("expected an array of citations or {\"citations\":[...]}");
        }
        List<Citation> citations = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            JsonNode metadata = item.path("metadata");
            citations.add(new Citation(
                    required(item, "id").asText(),
                    required(item, "content").asText(),
                    Math.clamp(required(item, "score").asDouble(), 0.0, 1.0),
                    required(metadata, "documentId").asText(),
                    required(metadata, "chunkIndex").asInt()));
        }
        citations.sort(Comparator.comparingDouble(Citation::score).reversed());
        // the service reports one score per passage: it counts as a single stage, ranked by that score
        List<Citation> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(topK, citations.size()); i++) {
            ranked.add(citations.get(i).withFirstStageRank(i + 1));
        }
        return List.copyOf(ranked);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("a citation lacks '" + field + "'");
        }
        return value;
    }
}
