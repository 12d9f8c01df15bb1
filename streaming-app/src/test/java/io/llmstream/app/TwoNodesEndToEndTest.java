package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two app instances on two ports sharing one Redis and one PostgreSQL schema (STREAM_ENGINE=redis): a client may
 * resume, follow, stop, pause and resume an answer on the node that does not generate it.
 */
class TwoNodesEndToEndTest {

    private static final List<String> ANSWER = IntStream.range(0, 30).mapToObj(i -> " Teil" + i).toList();

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
        nodeA = shared.start(dirA, "node-a", Map.of());
        nodeB = shared.start(dirB, "node-b", Map.of());
    }

    @AfterEach
    void stopThem() throws Exception {
        TwoNodes.stop(shared, nodeA, nodeB);
    }

    @Test
    void shouldResumeOnNodeBExactlyWhereTheClientDroppedOnNodeA() throws Exception {
        nodeA.upstream.answering(ANSWER, Duration.ofMillis(40));
        String streamId;
        String before;
        long lastSeen;
        try (SseClient onA = startChatOn(nodeA)) {
            streamId = onA.streamId();
            for (int i = 0; i < 3; i++) {
                onA.next();
            }
            before = onA.chunkText();
            lastSeen = onA.seen().getLast().id();
        }

        try (SseClient onB = SseClient.get(nodeB.uri("/api/v1/streams/" + streamId + "/events"), lastSeen)) {
            SseClient.Event done = onB.untilFinal();

            assertThat(done.type()).isEqualTo("done");
            assertThat(onB.seen().getFirst().id()).isEqualTo(lastSeen + 1);
            assertThat(ids(onB)).isEqualTo(LongsFrom(lastSeen + 1, onB.seen().size()));
            assertThat(before + onB.chunkText()).isEqualTo(done.data().get("content").asText()).isEqualTo(String.join("", ANSWER));
        }
    }

    @Test
    void shouldGiveASecondSubscriberOnNodeBTheSameEventsAsTheFirstOnNodeA() throws Exception {
        nodeA.upstream.answering(ANSWER, Duration.ofMillis(30));
        try (SseClient onA = startChatOn(nodeA)) {
            onA.next();
            try (SseClient onB = SseClient.get(nodeB.uri("/api/v1/streams/" + onA.streamId() + "/events"), 0)) {
                onA.untilFinal();
                onB.untilFinal();

                assertThat(onB.seen()).isEqualTo(onA.seen());
                assertThat(onB.seen().getLast().data().get("content").asText()).isEqualTo(String.join("", ANSWER));
            }
        }
    }

    @Test
    void shouldStopOnNodeBTheAnswerNodeAGeneratesAndCloseItsUpstream() throws Exception {
        nodeA.upstream.answering(IntStream.range(0, 500).mapToObj(i -> " x" + i).toList(), Duration.ofMillis(20));
        try (SseClient onA = startChatOn(nodeA)) {
            onA.next();

            HttpResponse<String> stopped = nodeB.post("/api/v1/streams/" + onA.streamId() + "/stop", "");

            assertThat(stopped.statusCode()).isEqualTo(200);
            assertThat(nodeB.json(stopped).get("status").asText()).isEqualTo("stopped");
            SseClient.Event done = onA.untilFinal();
            assertThat(done.data().get("status").asText()).isEqualTo("stopped");
            assertThat(done.data().get("content").asText()).isEqualTo(onA.chunkText());
            await().atMost(Duration.ofSeconds(10)).until(() -> nodeA.upstream.closedByClient() == 1);
        }
    }

    @Test
    void shouldPauseOnNodeAAndResumeOnNodeBWithTheStatusTheSameOnBoth() throws Exception {
        nodeA.upstream.answering(ANSWER, Duration.ofMillis(30));
        try (SseClient onA = startChatOn(nodeA)) {
            onA.next();
            String stream = "/api/v1/streams/" + onA.streamId();

            assertThat(nodeA.json(nodeA.post(stream + "/pause", "")).get("status").asText()).isEqualTo("paused");
            assertThat(nodeB.json(nodeB.get(stream)).get("status").asText()).isEqualTo("paused");
            HttpResponse<String> resumed = nodeB.post(stream + "/resume", "");

            assertThat(resumed.statusCode()).isEqualTo(200);
            assertThat(nodeB.json(resumed).get("status").asText()).isEqualTo("running");
            assertThat(nodeA.json(nodeA.get(stream)).get("status").asText()).isEqualTo("running");
            SseClient.Event done = onA.untilFinal();
            assertThat(onA.seen().stream().map(SseClient.Event::type)).containsSubsequence("paused", "resumed", "done");
            assertThat(onA.chunkText()).isEqualTo(done.data().get("content").asText()).isEqualTo(String.join("", ANSWER));
        }
    }

    @Test
    void shouldCountTheClientsOfBothNodesWhicheverNodeIsAsked() throws Exception {
        nodeA.upstream.mode(OpenAiWireUpstream.Mode.STALL_AFTER_FIRST);
        try (SseClient onA = startChatOn(nodeA)) {
            onA.next();
            String stream = "/api/v1/streams/" + onA.streamId();
            SseClient onB = SseClient.get(nodeB.uri(stream + "/events"), 0);
            onB.next();

            assertThat(subscribers(nodeA, stream)).isEqualTo(2);
            assertThat(subscribers(nodeB, stream)).isEqualTo(2);

            onB.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(nodeA, stream) == 1);
            assertThat(subscribers(nodeB, stream)).isEqualTo(1);
            nodeB.post(stream + "/stop", "");
        }
    }

    @Test
    void shouldShowTheRunningAnswerOfAChatOnTheNodeThatDoesNotGenerateIt() throws Exception {
        nodeA.upstream.mode(OpenAiWireUpstream.Mode.STALL_AFTER_FIRST);
        JsonNode chat = nodeA.json(nodeA.post("/api/v1/chats", "{}"));
        String chatPath = "/api/v1/chats/" + chat.get("chat_id").asText();
        try (SseClient onA = SseClient.post(nodeA.uri("/api/sse/" + chat.get("chat_id").asText() + "/stream"),
                "{\"message\":\"Erzähl\"}")) {
            onA.next();

            JsonNode seenFromB = nodeB.json(nodeB.get(chatPath)).get("active_stream");

            assertThat(seenFromB.isObject()).as("the chat read on node B shows node A's running answer").isTrue();
            assertThat(seenFromB.get("stream_id").asText()).isEqualTo(onA.streamId());
            assertThat(seenFromB.get("status").asText()).isEqualTo("running");
            assertThat(seenFromB).isEqualTo(nodeA.json(nodeA.get(chatPath)).get("active_stream"));
            nodeB.post("/api/v1/streams/" + onA.streamId() + "/stop", "");
            onA.untilFinal();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeB.json(nodeB.get(chatPath)).get("active_stream").isNull());
    }

    private static int subscribers(AppFixture node, String stream) throws Exception {
        JsonNode view = node.json(node.get(stream));
        assertThat(view.get("status").asText()).isEqualTo("running");
        return view.get("subscribers").asInt();
    }

    private static SseClient startChatOn(AppFixture node) throws Exception {
        JsonNode chat = node.json(node.post("/api/v1/chats", "{}"));
        return SseClient.post(node.uri("/api/sse/" + chat.get("chat_id").asText() + "/stream"), "{\"message\":\"Erzähl\"}");
    }

    private static List<Long> ids(SseClient client) {
        return client.seen().stream().map(SseClient.Event::id).toList();
    }

    private static List<Long> LongsFrom(long first, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(first + i);
        }
        return ids;
    }
}
