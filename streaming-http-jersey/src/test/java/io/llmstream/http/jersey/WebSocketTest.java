package io.llmstream.http.jersey;

import io.llmstream.http.jersey.security.CallerRequest;
import io.llmstream.http.jersey.security.RateLimiter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.core.usecase.StreamingSettings;
import io.llmstream.testkit.ScriptedLlmStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/ws} over real sockets with the JDK's WebSocket client. */
class WebSocketTest {

    private TestServer server;

    private TestServer start(Duration detachGrace) {
        return start(detachGrace, Duration.ofHours(1), WebSocketSettings.defaults());
    }

    private TestServer start(Duration detachGrace, Duration heartbeat, WebSocketSettings webSocket) {
        return start(detachGrace, heartbeat, webSocket, RateLimiter.UNLIMITED, 4);
    }

    private TestServer start(Duration detachGrace, Duration heartbeat, WebSocketSettings webSocket, RateLimiter limiter,
            int streamsPerUser) {
        server = new TestServer(HttpSettings.defaults().withHeartbeatInterval(heartbeat).withStreamCaps(streamsPerUser, 100),
                b -> b.authenticator(WebSocketTest::authenticate).webSocket(webSocket).rateLimiter(limiter),
                StreamingSettings.defaults().withDetachGrace(detachGrace),
                io.llmstream.core.usecase.InMemoryStreamEventLog.withDefaults());
        return server;
    }

    /** "Bearer ok-<user>" names the user; anything else is refused. */
    static String authenticate(CallerRequest request) {
        String header = request.header("Authorization").orElseThrow(
                () -> AuthenticationException.invalidRequest("no token"));
        if (!header.startsWith("Bearer ok-")) {
            throw AuthenticationException.invalidToken("bad token", null);
        }
        return header.substring("Bearer ok-".length());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.core.activeStreams().stopAll(io.llmstream.core.port.ErrorCode.Stream.SHUTDOWN, "the test is over");
            server.close();
        }
    }

    @Test
    void shouldStreamAWholeChatAnswerOverOneConnection() throws Exception {
        start(Duration.ZERO);
        server.llm.script(ScriptedLlmStream.thatStreams("Hallo", " Welt"));
        String chat = chat("alice");
        try (WsClient ws = connect("alice")) {
            ws.send("{\"type\":\"chat.send\",\"request_id\":\"r1\",\"chat_id\":\"" + chat + "\",\"message\":\"Hi\"}");

            JsonNode started = ws.next("stream.started");
            assertThat(started.get("request_id").asText()).isEqualTo("r1");
            String streamId = started.get("stream_id").asText();
            List<JsonNode> events = ws.streamToTheEnd(streamId);

            assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("chunk", "chunk", "done");
            assertThat(events).extracting(e -> e.get("id").asLong()).containsExactly(1L, 2L, 3L);
            assertThat(events.getLast().get("content").asText()).isEqualTo("Hallo Welt");
            assertThat(events.getLast().get("chatId").asText()).isEqualTo(chat);
        }
    }

    @Test
    void shouldInterleaveTwoStreamsOnOneConnectionEachInIdOrder() throws Exception {
        start(Duration.ZERO);
        server.llm.script(ScriptedLlmStream.thatStreams("Ei", "ne ", "Ant", "wort").withDelay(Duration.ofMillis(20)));
        String first = chat("alice");
        String second = chat("alice");
        try (WsClient ws = connect("alice")) {
            ws.send(chatSend("a", first, "Eins"));
            ws.send(chatSend("b", second, "Zwei"));

            java.util.Map<String, List<JsonNode>> byStream = new java.util.HashMap<>();
            java.util.Set<String> done = new java.util.HashSet<>();
            while (done.size() < 2) {
                JsonNode frame = ws.next();
                if (frame.has("id")) {
                    String stream = frame.get("stream_id").asText();
                    byStream.computeIfAbsent(stream, k -> new java.util.ArrayList<>()).add(frame);
                    if (frame.get("type").asText().equals("done")) {
                        done.add(stream);
                    }
                }
            }

            assertThat(byStream).hasSize(2);
            for (List<JsonNode> events : byStream.values()) {
                assertThat(events).extracting(e -> e.get("id").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
                assertThat(text(events)).isEqualTo("Eine Antwort");
            }
            assertThat(byStream.values()).extracting(events -> events.getLast().get("chatId").asText())
                    .containsExactlyInAnyOrder(first, second);
        }
    }

    @Test
    void shouldPauseResumeAndStopAStreamByFrame() throws Exception {
        start(Duration.ZERO);
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("Ein", "e l", "ange ", "Antwort").gated());
        String chat = chat("alice");
        try (WsClient ws = connect("alice")) {
            ws.send(chatSend("s", chat, "Hi"));
            String streamId = ws.next("stream.started").get("stream_id").asText();
            llm.release(1);
            assertThat(ws.next("chunk").get("content").asText()).isEqualTo("Ein");

            ws.send("{\"type\":\"pause\",\"request_id\":\"p\",\"stream_id\":\"" + streamId + "\"}");
            // the answer to the request and the stream's event travel on different threads: either may come first
            assertThat(List.of(ws.next(), ws.next())).extracting(f -> f.get("type").asText() + "/"
                    + f.path("request_id").asText(f.path("stream_id").asText()))
                    .containsExactlyInAnyOrder("stream.status/p", "paused/" + streamId);
            llm.release(1);
            ws.send("{\"type\":\"resume\",\"request_id\":\"r\",\"stream_id\":\"" + streamId + "\"}");
            assertThat(ws.next("resumed").get("stream_id").asText()).isEqualTo(streamId);
            assertThat(ws.next("chunk").get("content").asText()).isEqualTo("e l");

            ws.send("{\"type\":\"stop\",\"request_id\":\"x\",\"stream_id\":\"" + streamId + "\"}");
            JsonNode done = ws.next("done");
            assertThat(done.get("stream_id").asText()).isEqualTo(streamId);
            assertThat(done.get("content").asText()).isEqualTo("Eine l");
            assertThat(done.get("status").asText()).isNotEqualTo("completed");
        }
    }

    @Test
    void shouldResumeOnASecondConnectionAfterTheLastEventIdWithoutLossOrRepeat() throws Exception {
        start(Duration.ofSeconds(30));
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("Ein", "e kur", "ze ", "Antwort.").gated());
        String chat = chat("alice");
        String streamId;
        try (WsClient first = connect("alice")) {
            first.send(chatSend("s", chat, "Hi"));
            streamId = first.next("stream.started").get("stream_id").asText();
            llm.release(2);
            assertThat(first.next("chunk").get("id").asLong()).isEqualTo(1);
            assertThat(first.next("chunk").get("id").asLong()).isEqualTo(2);
        } // the connection drops; the detach grace keeps the stream running

        try (WsClient second = connect("alice")) {
            second.send("{\"type\":\"subscribe\",\"stream_id\":\"" + streamId + "\",\"last_event_id\":2}");
            llm.release(10);
            List<JsonNode> rest = second.streamToTheEnd(streamId);

            assertThat(rest).extracting(e -> e.get("id").asLong()).containsExactly(3L, 4L, 5L);
            assertThat("Eine kur" + text(rest)).isEqualTo("Eine kurze Antwort.");
            assertThat(rest.getLast().get("content").asText()).isEqualTo("Eine kurze Antwort.");
        }
    }

    @Test
    void shouldWatchOverWebSocketAStreamStartedOverSse() throws Exception {
        start(Duration.ZERO);
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("Per", " SSE").gated());
        String chat = chat("alice");
        HttpResponse<java.io.InputStream> sse = server.http.send(java.net.http.HttpRequest.newBuilder(
                        server.uri("/api/sse/" + chat + "/stream")).header("Authorization", "Bearer ok-alice")
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"message\":\"Hi\"}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        String streamId = sse.headers().firstValue("X-Stream-Id").orElseThrow();
        try (WsClient ws = connect("alice"); java.io.InputStream body = sse.body()) {
            ws.send("{\"type\":\"subscribe\",\"stream_id\":\"" + streamId + "\"}");
            llm.release(10);
            List<JsonNode> events = ws.streamToTheEnd(streamId);

            assertThat(events).extracting(e -> e.get("id").asLong()).containsExactly(1L, 2L, 3L);
            assertThat(events.getLast().get("content").asText()).isEqualTo("Per SSE");
        }
    }

    @Test
    void shouldAnswerBadMessagesWithErrorFramesAndKeepTheConnectionOpen() throws Exception {
        start(Duration.ZERO);
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("Bobs").gated());
        String bobsChat = chat("bob");
        String bobsStream;
        try (WsClient bob = connect("bob")) {
            bob.send(chatSend("b", bobsChat, "Hi"));
            bobsStream = bob.next("stream.started").get("stream_id").asText();
            try (WsClient alice = connect("alice")) {
                alice.send("{nicht json");
                JsonNode badJson = alice.next("error");
                assertThat(badJson.get("status").asInt()).isEqualTo(400);
                assertThat(badJson.get("code").asText()).isEqualTo("bad_request");

                alice.send("{\"type\":\"dance\",\"request_id\":\"u\"}");
                JsonNode unknown = alice.next("error");
                assertThat(unknown.get("request_id").asText()).isEqualTo("u");
                assertThat(unknown.get("message").asText()).contains("dance");

                alice.send("{\"type\":\"subscribe\",\"request_id\":\"f\",\"stream_id\":\"" + bobsStream + "\"}");
                JsonNode foreign = alice.next("error");
                assertThat(foreign.get("request_id").asText()).isEqualTo("f");
                assertThat(foreign.get("status").asInt()).isEqualTo(404);
                assertThat(foreign.get("code").asText()).isEqualTo("not_found");

                alice.send("{\"type\":\"stop\",\"request_id\":\"x\",\"stream_id\":\"" + bobsStream + "\"}");
                assertThat(alice.next("error").get("code").asText()).isEqualTo("not_found");

                alice.send(chatSend("c", java.util.UUID.randomUUID().toString(), "Hi"));
                JsonNode noChat = alice.next("error");
                assertThat(noChat.get("request_id").asText()).isEqualTo("c");
                assertThat(noChat.get("status").asInt()).isEqualTo(404);

                alice.send("{\"type\":\"ping\",\"request_id\":\"still-there\"}");
                assertThat(alice.next("pong").get("request_id").asText()).isEqualTo("still-there");
            }
            llm.release(10);
            assertThat(bob.next("done").get("content").asText()).isEqualTo("Bobs");
        }
    }

    @Test
    void shouldRefuseTheUpgradeWithoutAValidToken() throws Exception {
        start(Duration.ZERO);
        for (String authorization : new String[] {"Bearer forged", null}) {
            assertThatThrownBy(() -> WsClient.connect(wsUri(), authorization))
                    .cause().isInstanceOf(java.net.http.WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((java.net.http.WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(401));
        }
    }

    @Test
    void shouldAcceptTheTokenAsABearerSubprotocolAndEchoIt() throws Exception {
        start(Duration.ZERO);
        try (WsClient ws = WsClient.connectWithSubprotocol(wsUri(), "bearer.ok-alice")) {
            assertThat(ws.subprotocol()).isEqualTo("bearer.ok-alice");
            ws.send("{\"type\":\"ping\"}");
            assertThat(ws.next().get("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void shouldCloseWith1009WhenAMessageIsLargerThanTheMaxFrameSize() throws Exception {
        start(Duration.ZERO);
        try (WsClient ws = connect("alice")) {
            ws.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");

            assertThat(ws.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void shouldStreamAConversationAnswerWithItsCitations() throws Exception {
        start(Duration.ZERO);
        server.llm.script(ScriptedLlmStream.thatStreams("KI heißt ", "Künstliche Intelligenz."));
        assertThat(post("alice", "/api/v1/characters", "{\"role\":\"helfer\",\"system_prompt\":\"Hilf.\"}")
                .statusCode()).isEqualTo(201);
        String document = Sse.json(post("alice", "/api/v1/artifacts", "{\"role\":\"helfer\",\"title\":\"KI-Glossar\","
                + "\"content_type\":\"text/markdown\",\"content\":\"KI steht für Künstliche Intelligenz.\\n\\nDas Wetter ist schön.\"}")
                .body()).get("id").asText();
        String thread = Sse.json(post("alice", "/api/v1/conversations", "{\"role\":\"helfer\"}").body()).get("thread_id").asText();
        try (WsClient ws = connect("alice")) {
            ws.send("{\"type\":\"conversation.send\",\"request_id\":\"k\",\"thread_id\":\"" + thread
                    + "\",\"message\":\"Wofür steht KI?\",\"search_tool_config\":{\"strategy\":\"two_stage\",\"top_k\":2}}");
            String streamId = ws.next("stream.started").get("stream_id").asText();
            List<JsonNode> events = ws.streamToTheEnd(streamId);

            assertThat(text(events)).isEqualTo("KI heißt Künstliche Intelligenz.");
            JsonNode done = events.getLast();
            assertThat(done.get("threadId").asText()).isEqualTo(thread);
            assertThat(done.get("citations")).singleElement().satisfies(citation -> {
                assertThat(citation.get("content").asText()).isEqualTo("KI steht für Künstliche Intelligenz.");
                assertThat(citation.get("metadata").get("documentId").asText()).isEqualTo(document);
            });
        }
    }

    @Test
    void shouldWatchOverSseAStreamStartedOverWebSocket() throws Exception {
        start(Duration.ZERO);
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("Per", " WebSocket").gated());
        String chat = chat("alice");
        try (WsClient ws = connect("alice")) {
            ws.send(chatSend("w", chat, "Hi"));
            String streamId = ws.next("stream.started").get("stream_id").asText();
            java.util.concurrent.CompletableFuture<HttpResponse<String>> sse = server.http.sendAsync(
                    java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/streams/" + streamId + "/events"))
                            .header("Authorization", "Bearer ok-alice").build(), HttpResponse.BodyHandlers.ofString());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.core.controlStream()
                    .find("alice", java.util.UUID.fromString(streamId)) instanceof io.llmstream.core.port.in.Result.Ok<?> ok
                    && ((io.llmstream.core.port.in.StreamView) ok.value()).subscribers() == 2);
            llm.release(10);

            List<Sse.Event> events = Sse.parse(sse.get(10, java.util.concurrent.TimeUnit.SECONDS).body());
            assertThat(events).extracting(e -> e.id()).containsExactly("1", "2", "3");
            assertThat(events.getLast().json().get("content").asText()).isEqualTo("Per WebSocket");
            assertThat(ws.streamToTheEnd(streamId).getLast().get("content").asText()).isEqualTo("Per WebSocket");
        }
    }

    @Test
    void shouldAnswerAMessageWithAMissingFieldWith400NamingItAndKeepTheConnection() throws Exception {
        start(Duration.ZERO);
        try (WsClient ws = connect("alice")) {
            for (String message : List.of("{\"type\":\"chat.send\",\"request_id\":\"m\",\"message\":\"Hi\"}",
                    "{\"type\":\"conversation.send\",\"request_id\":\"m\",\"message\":\"Hi\"}",
                    "{\"type\":\"subscribe\",\"request_id\":\"m\"}", "{\"type\":\"stop\",\"request_id\":\"m\"}")) {
                ws.send(message);

                JsonNode error = ws.next("error");
                assertThat(error.get("request_id").asText()).isEqualTo("m");
                assertThat(error.get("status").asInt()).isEqualTo(400);
                assertThat(error.get("code").asText()).isEqualTo("bad_request");
                assertThat(error.get("message").asText()).as(message).containsAnyOf("chat_id", "thread_id", "stream_id");
            }
            ws.send("{\"type\":\"ping\",\"request_id\":\"open\"}");
            assertThat(ws.next("pong").get("request_id").asText()).isEqualTo("open");
        }
    }

    @Test
    void shouldPingAnIdleConnectionAndKeepItWhilePongsCome() throws Exception {
        // an interval a loaded machine still answers within: a pong later than one interval means "client gone"
        start(Duration.ZERO, Duration.ofMillis(300), WebSocketSettings.defaults());
        try (WsClient ws = connect("alice")) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> ws.pings() >= 5);

            assertThat(ws.isClosed()).isFalse();
            ws.send("{\"type\":\"ping\"}");
            assertThat(ws.next("pong")).isNotNull();
        }
    }

    @Test
    void shouldCloseWith1008WhenAClientSendsTooManyMessagesPerSecond() throws Exception {
        start(Duration.ZERO, Duration.ofHours(1), WebSocketSettings.defaults().withMaxMessagesPerSecond(5));
        try (WsClient ws = connect("alice")) {
            for (int i = 0; i < 20 && !ws.isClosed(); i++) {
                ws.send("{\"type\":\"ping\"}");
            }

            WsClient.Closed closed = ws.awaitClose();
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("too many messages");
        }
    }

    @Test
    void shouldRefuseAForeignOriginAndAcceptLoopbackAndListedOnes() throws Exception {
        start(Duration.ZERO, Duration.ofHours(1), WebSocketSettings.defaults().withAllowedOrigins(List.of("https://app.example")));
        assertThatThrownBy(() -> WsClient.connectFrom(wsUri(), "Bearer ok-alice", "https://evil.example"))
                .cause().isInstanceOf(java.net.http.WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((java.net.http.WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(403));
        for (String origin : List.of("https://app.example", "http://localhost:3000")) {
            try (WsClient ws = WsClient.connectFrom(wsUri(), "Bearer ok-alice", origin)) {
                ws.send("{\"type\":\"ping\"}");
                assertThat(ws.next("pong")).isNotNull();
            }
        }
    }

    @Test
    void shouldCloseALaggingClientWith1008WhileTheStreamGoesOnForOthers() throws Exception {
        start(Duration.ofSeconds(30), Duration.ofHours(1), WebSocketSettings.defaults().withMaxQueuedFrames(4)
                .withLagTimeout(Duration.ofMillis(500)));
        // more than the socket buffers of both ends hold, slowly enough for a reading client to keep up
        String[] deltas = new String[600];
        java.util.Arrays.fill(deltas, "x".repeat(32 * 1024));
        server.llm.script(ScriptedLlmStream.thatStreams(deltas).withDelay(Duration.ofMillis(2)));
        String chat = chat("alice");
        try (WsClient slow = connect("alice"); WsClient healthy = connect("alice")) {
            slow.send(chatSend("s", chat, "Viel bitte"));
            String streamId = slow.next("stream.started").get("stream_id").asText();
            slow.stall();
            healthy.send("{\"type\":\"subscribe\",\"stream_id\":\"" + streamId + "\"}");

            List<JsonNode> events = healthy.streamToTheEnd(streamId);
            assertThat(events.getLast().get("type").asText()).isEqualTo("done");
            assertThat(events.getLast().get("content").asText()).hasSize(600 * 32 * 1024);

            slow.drain();
            WsClient.Closed closed = slow.awaitClose();
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("lagging");
        }
    }

    @Test
    void shouldRefuseASecondSendToABusyChatWith409NamingTheRunningStream() throws Exception {
        start(Duration.ZERO);
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("Lang").gated());
        String chat = chat("alice");
        try (WsClient ws = connect("alice")) {
            ws.send(chatSend("1", chat, "Eins"));
            String streamId = ws.next("stream.started").get("stream_id").asText();
            ws.send(chatSend("2", chat, "Zwei"));

            JsonNode busy = ws.next("error");
            assertThat(busy.get("request_id").asText()).isEqualTo("2");
            assertThat(busy.get("status").asInt()).isEqualTo(409);
            assertThat(busy.get("code").asText()).isEqualTo("conflict");
            assertThat(busy.get("stream_id").asText()).isEqualTo(streamId);
            llm.release(10);
            assertThat(ws.next("done").get("stream_id").asText()).isEqualTo(streamId);
        }
    }

    @Test
    void shouldCountEachSendAgainstTheRateLimitAndTheStreamCap() throws Exception {
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        RateLimiter limiter = (owner, request) -> checks.incrementAndGet() <= 3
                ? RateLimiter.Decision.allow(java.util.Map.of())
                : RateLimiter.Decision.refuse(Duration.ofSeconds(7), java.util.Map.of());
        start(Duration.ZERO, Duration.ofHours(1), WebSocketSettings.defaults(), limiter, 1);
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("Lang").gated());
        String first = chat("alice"); // HTTP requests count as well: 1 of 3
        String second = chat("alice"); // 2 of 3
        try (WsClient ws = connect("alice")) {
            ws.send(chatSend("1", first, "Eins")); // 3 of 3
            String streamId = ws.next("stream.started").get("stream_id").asText();

            ws.send(chatSend("2", second, "Zwei"));
            JsonNode limited = ws.next("error");
            assertThat(limited.get("status").asInt()).isEqualTo(429);
            assertThat(limited.get("retry_after").asText()).isEqualTo("7");

            ws.send("{\"type\":\"ping\",\"request_id\":\"p\"}");
            assertThat(ws.next("pong").get("request_id").asText()).isEqualTo("p");
            assertThat(checks.get()).as("ping is not rate limited").isEqualTo(4);
            llm.release(10);
            assertThat(ws.next("done").get("stream_id").asText()).isEqualTo(streamId);
        }
    }

    @Test
    void shouldRefuseASendOverTheStreamCapWith429() throws Exception {
        start(Duration.ZERO, Duration.ofHours(1), WebSocketSettings.defaults(), RateLimiter.UNLIMITED, 1);
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("Lang").gated());
        String first = chat("alice");
        String second = chat("alice");
        try (WsClient ws = connect("alice")) {
            ws.send(chatSend("1", first, "Eins"));
            String streamId = ws.next("stream.started").get("stream_id").asText();
            ws.send(chatSend("2", second, "Zwei"));

            JsonNode capped = ws.next("error");
            assertThat(capped.get("request_id").asText()).isEqualTo("2");
            assertThat(capped.get("status").asInt()).isEqualTo(429);
            llm.release(10);
            assertThat(ws.next("done").get("stream_id").asText()).isEqualTo(streamId);
        }
    }

    @Test
    void shouldGiveBackEveryStreamSlotWhenConnectionsComeAndGo() throws Exception {
        start(Duration.ZERO, Duration.ofHours(1), WebSocketSettings.defaults(), RateLimiter.UNLIMITED, 1);
        server.llm.script(ScriptedLlmStream.thatStreams("Kurz", "."));
        for (int i = 0; i < 30; i++) {
            String chat = chat("alice");
            try (WsClient ws = connect("alice")) {
                ws.send(chatSend("n" + i, chat, "Hi"));
                JsonNode first = ws.nextMatching(f -> !f.get("type").asText().equals("pong"));
                assertThat(first.get("type").asText()).as("send %d (a leaked slot would answer 429)", i)
                        .isEqualTo("stream.started");
                if (i % 2 == 0) {
                    ws.streamToTheEnd(first.get("stream_id").asText());
                } // odd rounds leave while the answer runs: its slot comes back when it has ended
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.core.activeStreams().count() == 0);
        }
    }

    private HttpResponse<String> post(String user, String path, String json) throws Exception {
        return server.http.send(java.net.http.HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", "Bearer ok-" + user).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String chatSend(String requestId, String chat, String message) {
        return "{\"type\":\"chat.send\",\"request_id\":\"" + requestId + "\",\"chat_id\":\"" + chat
                + "\",\"message\":\"" + message + "\"}";
    }

    private WsClient connect(String user) throws Exception {
        return WsClient.connect(wsUri(), "Bearer ok-" + user);
    }

    private URI wsUri() {
        return URI.create(server.uri("/api/v1/ws").toString().replaceFirst("^http", "ws"));
    }

    private String chat(String user) throws Exception {
        HttpResponse<String> response = server.http.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/chats"))
                .header("Authorization", "Bearer ok-" + user).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return Sse.json(response.body()).get("chat_id").asText();
    }

    private static String text(List<JsonNode> events) {
        return events.stream().filter(e -> e.get("type").asText().equals("chunk"))
                .map(e -> e.get("content").asText()).collect(Collectors.joining());
    }
}
