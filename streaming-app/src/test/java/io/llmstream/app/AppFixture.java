package io.llmstream.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The app started in-process on a free port against a local OpenAI-wire upstream, plus small HTTP helpers. */
final class AppFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final OpenAiWireUpstream upstream;
    final Path dataDir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> extra;
    StreamingServer server;

    AppFixture(Path dataDir, Map<String, String> extra) throws IOException {
        this.upstream = new OpenAiWireUpstream();
        this.dataDir = dataDir;
        this.extra = extra;
        start();
    }

    void start() {
        Map<String, String> config = new HashMap<>(Map.of("http.port", "0", "data.dir", dataDir.toString(),
                "openai.base-url", upstream.baseUrl(), "openai.api-key", "sk-test-secret-key", "openai.model", "gpt-test",
                "streaming.heartbeat-seconds", "1", "shutdown.grace-seconds", "1", "llm.idle-timeout-seconds", "30",
                // tests poll in tight loops; the rate limit is proven with its default in SecurityEndToEndTest
                "rate-limit.per-minute", "0",
                // a translation is one more upstream request; RetrievalEndToEndTest proves it with translation on
                "rag.translation.enabled", "false"));
        config.putAll(extra);
        server = StreamingServer.start(ConfigLoader.load(config));
    }

    URI uri(String path) {
        return server.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Creates character "assistant", one document about KI and a conversation; returns {documentId, threadId}. */
    String[] conversationWithKnowledge() throws Exception {
        post("/api/v1/characters", "{\"role\":\"assistant\",\"system_prompt\":\"Du bist ein hilfreicher Assistent.\"}");
        JsonNode document = json(post("/api/v1/artifacts", "{\"role\":\"assistant\",\"title\":\"KI-Grundlagen\","
                + "\"content_type\":\"text/markdown\",\"content\":\"# KI\\n\\nKünstliche Intelligenz (KI) bezeichnet Systeme, "
                + "die Aufgaben lösen, für die sonst menschliche Intelligenz nötig ist.\\n\\n# Wetter\\n\\nIm Herbst regnet es oft.\"}"));
        JsonNode thread = json(post("/api/v1/conversations", "{\"role\":\"assistant\"}"));
        return new String[] {document.get("id").asText(), thread.get("thread_id").asText()};
    }

    /** Parses an SSE body into (id, data JSON) pairs; comment lines are counted separately. */
    record Sse(List<Long> ids, List<JsonNode> events, int comments) {
        static Sse parse(String body) throws IOException {
            List<Long> ids = new ArrayList<>();
            List<JsonNode> events = new ArrayList<>();
            int comments = 0;
            for (String block : body.split("\n\n")) {
                for (String line : block.split("\n")) {
                    if (line.startsWith("id: ")) {
                        ids.add(Long.parseLong(line.substring(4)));
                    } else if (line.startsWith("data: ")) {
                        events.add(JSON.readTree(line.substring(6)));
                    } else if (line.startsWith(":")) {
                        comments++;
                    }
                }
            }
            return new Sse(ids, events, comments);
        }

        JsonNode last() {
            return events.get(events.size() - 1);
        }

        String chunkText() {
            StringBuilder text = new StringBuilder();
            events.stream().filter(e -> e.get("type").asText().equals("chunk")).forEach(e -> text.append(e.get("content").asText()));
            return text.toString();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        upstream.close();
    }
}
