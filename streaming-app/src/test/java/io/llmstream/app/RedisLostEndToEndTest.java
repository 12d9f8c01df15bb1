package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.testkit.TcpProxy;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis lost while a node runs (a proxy the test cuts): the running answer is stored as interrupted with
 * {@code engine_unavailable}, new streams are refused 503, readiness says why; all without a restart once Redis is back.
 */
class RedisLostEndToEndTest {

    @TempDir
    Path dataDir;
    private TwoNodes shared;
    private TcpProxy proxy;
    private AppFixture node;

    @BeforeEach
    void start() throws Exception {
        shared = TwoNodes.require();
        URI redis = URI.create(TwoNodes.REDIS);
        proxy = new TcpProxy(redis.getHost(), redis.getPort());
        node = shared.start(dataDir, "node-a", Map.of("redis.url", "redis://127.0.0.1:" + proxy.port()));
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void shouldInterruptTheRunningAnswerRefuseNewOnesAndRecoverWhenRedisComesBack() throws Exception {
        node.upstream.answering(IntStream.range(0, 400).mapToObj(i -> " Wort" + i).toList(), Duration.ofMillis(20));
        String chat = node.json(node.post("/api/v1/chats", "{}")).get("chat_id").asText();
        String messageId;
        try (SseClient running = SseClient.post(node.uri("/api/sse/" + chat + "/stream"), "{\"message\":\"Erzähl\"}")) {
            running.next();
            messageId = node.json(node.get("/api/v1/streams/" + running.streamId())).get("message_id").asText();

            proxy.cut();

            await().atMost(Duration.ofSeconds(20)).until(() -> "interrupted".equals(
                    shared.scalar("SELECT status FROM messages WHERE id = '" + messageId + "'")));
        }
        assertThat(shared.scalar("SELECT error_code FROM messages WHERE id = '" + messageId + "'")).isEqualTo("engine_unavailable");
        String otherChat = node.json(node.post("/api/v1/chats", "{}")).get("chat_id").asText();
        HttpResponse<String> refused = node.post("/api/sse/" + otherChat + "/stream", "{\"message\":\"Hallo\"}");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(node.json(refused).get("statusCode").asInt()).isEqualTo(503);
        HttpResponse<String> notReady = node.get("/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(node.json(notReady).toString()).contains("\"redis\":\"DOWN\"");

        proxy.restore();

        await().atMost(Duration.ofSeconds(20)).until(() -> node.get("/health/ready").statusCode() == 200);
        node.upstream.answering(java.util.List.of("Wieder", " da"), Duration.ofMillis(5));
        try (SseClient again = SseClient.post(node.uri("/api/sse/" + otherChat + "/stream"), "{\"message\":\"Hallo\"}")) {
            JsonNode done = again.untilFinal().data();
            assertThat(done.get("type").asText()).isEqualTo("done");
            assertThat(done.get("content").asText()).isEqualTo("Wieder da");
        }
    }
}
