package io.llmstream.adapter.rag.embedding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A client of an OpenAI-compatible {@code POST /v1/embeddings} endpoint (OpenAI, vLLM, Ollama, LiteLLM...). */
public final class OpenAiCompatibleEmbedder implements Embedder {

    /** Buffers from a pool shared by all threads: streams run on virtual threads of their own (no per-thread pools). */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build());

    private final EmbeddingConfig.OpenAiCompatible config;
    private final URI endpoint;
    private final HttpClient http;

    public OpenAiCompatibleEmbedder(EmbeddingConfig.OpenAiCompatible config) {
        this.config = Objects.requireNonNull(config, "config");
        String base = config.baseUrl().toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/v1/embeddings");
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Override
    public String modelId() {
        return "openai-compatible:" + config.model();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        HttpResponse<String> response = send(requestBody(texts));
        if (response.statusCode() / 100 != 2) {
            throw new EmbeddingException("embedding service " + endpoint + " answered HTTP " + response.statusCode());
        }
        return parse(response.body(), texts.size());
    }

    private String requestBody(List<String> texts) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", config.model());
        ArrayNode input = body.putArray("input");
        texts.forEach(input::add);
        return body.toString();
    }

    private HttpResponse<String> send(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        config.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EmbeddingException("embedding service " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while calling embedding service " + endpoint, e);
        }
    }

    private List<float[]> parse(String body, int expected) {
        JsonNode data;
        try {
            data = JSON.readTree(body).path("data");
        } catch (IOException e) {
            throw new EmbeddingException("embedding service " + endpoint + " sent malformed JSON", e);
        }
        if (!data.isArray() || data.size() != expected) {
            throw new EmbeddingException("embedding service " + endpoint + " sent " + data.size()
                    + " embeddings for " + expected + " inputs");
        }
        List<float[]> vectors = new ArrayList<>(java.util.Collections.nCopies(expected, (float[]) null));
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            JsonNode values = item.path("embedding");
            if (index < 0 || index >= expected || !values.isArray() || values.isEmpty()) {
                throw new EmbeddingException("embedding service " + endpoint + " sent an invalid item at " + i);
            }
            float[] vector = new float[values.size()];
            for (int j = 0; j < vector.length; j++) {
                vector[j] = (float) values.get(j).asDouble();
            }
            vectors.set(index, vector);
        }
        if (vectors.contains(null)) {
            throw new EmbeddingException("embedding service " + endpoint + " left inputs without an embedding");
        }
        return List.copyOf(vectors);
    }
}
