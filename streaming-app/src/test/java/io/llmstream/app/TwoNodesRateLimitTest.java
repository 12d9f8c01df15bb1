package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RATE_LIMIT_PER_MINUTE holds for the cluster: two nodes on one Redis count one user's requests together. */
class TwoNodesRateLimitTest {

    private static final int LIMIT = 10;

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    private TwoNodes shared;
    private AppFixture nodeA;
    private AppFixture nodeB;

    @BeforeEach
    void startTwoNodes() throws Exception {
        shared = TwoNodes.require();
        nodeA = shared.start(dirA, "node-a", Map.of("rate-limit.per-minute", Integer.toString(LIMIT)));
        nodeB = shared.start(dirB, "node-b", Map.of("rate-limit.per-minute", Integer.toString(LIMIT)));
    }

    @AfterEach
    void stopThem() throws Exception {
        TwoNodes.stop(shared, nodeA, nodeB);
    }

    @Test
    void shouldRefuseTheRequestAfterTheLimitWhicheverNodesTheEarlierOnesWentTo() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            AppFixture node = i % 2 == 0 ? nodeA : nodeB;
            assertThat(node.post("/api/v1/chats", "{}").statusCode()).as("request %d", i + 1).isEqualTo(201);
        }

        HttpResponse<String> overOnA = nodeA.post("/api/v1/chats", "{}");
        HttpResponse<String> overOnB = nodeB.post("/api/v1/chats", "{}");

        assertThat(overOnA.statusCode()).isEqualTo(429);
        assertThat(overOnB.statusCode()).isEqualTo(429);
        assertThat(overOnB.headers().firstValue("Retry-After")).isPresent();
        assertThat(overOnB.headers().firstValue("RateLimit-Remaining")).contains("0");
    }
}
