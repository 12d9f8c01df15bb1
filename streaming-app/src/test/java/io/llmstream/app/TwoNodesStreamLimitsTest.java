package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STREAMS_PER_USER_MAX and "one answer at a time per dialogue" hold for the cluster: two nodes on one Redis count a
 * user's running streams together, and a dialogue answering on one node is busy on the other.
 */
class TwoNodesStreamLimitsTest {

    private static final List<String> LONG_ANSWER = IntStream.range(0, 500).mapToObj(i -> " x" + i).toList();

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
        nodeA = shared.start(dirA, "node-a", Map.of("streams.per-user-max", "2"));
        nodeB = shared.start(dirB, "node-b", Map.of("streams.per-user-max", "2"));
        nodeA.upstream.answering(LONG_ANSWER, Duration.ofMillis(20));
        nodeB.upstream.answering(LONG_ANSWER, Duration.ofMillis(20));
    }

    @AfterEach
    void stopThem() throws Exception {
        TwoNodes.stop(shared, nodeA, nodeB);
    }

    @Test
    void shouldRefuseTheUsersStreamOverTheCapWhicheverNodesTheRunningOnesAreOn() throws Exception {
        try (SseClient first = SseClient.post(nodeA.uri(streamPath(newChat(nodeA))), MESSAGE);
                SseClient second = SseClient.post(nodeB.uri(streamPath(newChat(nodeB))), MESSAGE)) {
            first.next();
            second.next();

            HttpResponse<String> third = nodeA.post(streamPath(newChat(nodeA)), MESSAGE);

            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.body()).contains("too many concurrent streams: at most 2 per user");

            nodeB.post("/api/v1/streams/" + second.streamId() + "/stop", "");
            try (SseClient afterOneEnded = startOnceFree(nodeA, newChat(nodeA))) {
                assertThat(afterOneEnded.next().type()).isEqualTo("chunk");
            }
        }
    }

    @Test
    void shouldAnswer409OnNodeBWhileNodeAAnswersInTheSameChat() throws Exception {
        String chat = newChat(nodeA);
        try (SseClient onA = SseClient.post(nodeA.uri(streamPath(chat)), MESSAGE)) {
            onA.next();

            HttpResponse<String> onB = nodeB.post(streamPath(chat), MESSAGE);

            assertThat(onB.statusCode()).isEqualTo(409);
            assertThat(nodeB.json(onB).get("stream_id").asText()).isEqualTo(onA.streamId());

            nodeB.post("/api/v1/streams/" + onA.streamId() + "/stop", "");
            try (SseClient next = startOnceFree(nodeB, chat)) {
                assertThat(next.next().type()).isEqualTo("chunk");
            }
        }
    }

    private static final String MESSAGE = "{\"message\":\"Erzähl\"}";

    /** Starts a stream once the ended one's place and turn are given back (they are, just after its final event). */
    private static SseClient startOnceFree(AppFixture node, String chat) {
        AtomicReference<SseClient> started = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> started.set(SseClient.post(node.uri(streamPath(chat)), MESSAGE)));
        return started.get();
    }

    private static String newChat(AppFixture node) throws Exception {
        return node.json(node.post("/api/v1/chats", "{}")).get("chat_id").asText();
    }

    private static String streamPath(String chat) {
        return "/api/sse/" + chat + "/stream";
    }
}
