package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.usecase.InMemoryStreamEventLog;
import io.llmstream.core.usecase.StreamingSettings;
import io.llmstream.testkit.ScriptedLlmStream;
import io.llmstream.testkit.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stream resource over real sockets: resume after a drop, several subscribers, stop, pause/resume, the
 * detach grace, retention, and the refusals (400, 404, 409, 410, 204).
 */
class StreamResourceTest {

    private static final String USER = "X-Test-User";

    private final MovableClock clock = new MovableClock();
    private TestServer server;

    private TestServer start(StreamingSettings settings) {
        server = new TestServer(HttpSettings.defaults().withHeartbeatInterval(Duration.ofHours(1)),
                b -> b.authenticator(request -> request.header(USER).orElse("alice")), settings,
                new InMemoryStreamEventLog(Duration.ofSeconds(300), 20_000, clock));
        return server;
    }

    private TestServer start() {
        return start(StreamingSettings.defaults().withDetachGrace(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.core.activeStreams().stopAll(io.llmstream.core.port.ErrorCode.Stream.SHUTDOWN, "the test is over");
            server.close();
        }
    }

    @Test
    void shouldResumeAfterADropFromEveryOffsetWithoutLosingOrRepeatingText() throws Exception {
        start();
        server.llm.script(ScriptedLlmStream.thatStreams("Ein", "e kur", "ze ", "Antwort", "."));
        String chat = chat("alice");
        List<Event> all;
        try (Subscriber first = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
            all = first.readToTheEnd();
        }
        String streamId = all.getLast().json().get("streamId").asText();
        String done = all.getLast().json().get("content").asText();

        for (int seen = 0; seen < all.size(); seen++) {
            try (Subscriber again = Subscriber.get(server, "alice", eventsUrl(streamId), Optional.of(String.valueOf(seen)))) {
                List<Event> rest = again.readToTheEnd();
                assertThat(rest).extracting(Event::id).as("after %d", seen)
                        .containsExactlyElementsOf(all.subList(seen, all.size()).stream().map(Event::id).toList());
                assertThat(text(all.subList(0, seen)) + text(rest)).isEqualTo(done);
            }
        }
        HttpResponse<String> nothingNew = request("GET", eventsUrl(streamId), "alice", "Last-Event-ID", String.valueOf(all.size()));
        assertThat(nothingNew.statusCode()).isEqualTo(204);
    }

    @Test
    void shouldResumeAClientThatAbortedAfterAnyNumberOfEvents() throws Exception {
        start();
        String[] deltas = {"Ei", "ne ", "kur", "ze ", "Ant", "wort."};
        int events = deltas.length + 1;
        for (int seen = 0; seen <= events; seen++) {
            ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams(deltas).gated());
            String chat = chat("alice");
            String streamId;
            List<Event> before = new ArrayList<>();
            try (Subscriber first = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
                streamId = first.streamId();
                llm.release(seen);
                for (int i = 0; i < seen; i++) {
                    before.add(first.next());
                }
            } // aborted after `seen` events, while the answer is still being generated (or just done)
            llm.release(events);
            HttpResponse<String> rest = request("GET", eventsUrl(streamId), "alice", "Last-Event-ID", String.valueOf(seen));
            if (seen == events) {
                assertThat(rest.statusCode()).as("nothing after the final event").isEqualTo(204);
                continue;
            }
            List<Event> after = Sse.parse(rest.body()).stream().map(e -> new Event(e.id(), e.data())).toList();
            assertThat(rest.statusCode()).isEqualTo(200);
            assertThat(after.getFirst().id()).as("after %d", seen).isEqualTo(String.valueOf(seen + 1));
            assertThat(text(before) + text(after)).as("after %d", seen).isEqualTo("Eine kurze Antwort.");
            assertThat(after.getLast().json().get("content").asText()).isEqualTo("Eine kurze Antwort.");
        }
    }

    @Test
    void shouldLetAClientThatDroppedMidStreamResumeWhileTheAnswerIsStillGenerated() throws Exception {
        start();
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("a", "b", "c", "d").gated());
        String chat = chat("alice");
        String streamId;
        List<Event> before = new ArrayList<>();
        try (Subscriber first = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
            streamId = first.streamId();
            assertThat(first.contentLocation()).isEqualTo("/api/v1/streams/" + streamId + "/events");
            llm.release(2);
            before.add(first.next());
            before.add(first.next());
        } // the connection drops; the answer goes on (detach grace)

        try (Subscriber resumed = Subscriber.get(server, "alice", eventsUrl(streamId), Optional.of("2"))) {
            llm.release(3);
            List<Event> rest = resumed.readToTheEnd();
            assertThat(text(before) + text(rest)).isEqualTo("abcd");
            assertThat(rest.getLast().json().get("content").asText()).isEqualTo("abcd");
            assertThat(rest.getLast().json().get("status").asText()).isEqualTo("complete");
        }
        assertThat(awaitAnswer(chat).status()).isEqualTo(MessageStatus.COMPLETE);
    }

    @Test
    void shouldGiveTwentyConcurrentSubscribersTheSameEvents() throws Exception {
        start();
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("eins ", "zwei ", "drei ", "vier").gated());
        String chat = chat("alice");
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
            List<Subscriber> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                others.add(Subscriber.get(server, "alice", eventsUrl(starter.streamId()), Optional.empty()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> streamView(starter.streamId()).get("subscribers").asInt() == 21);
            llm.release(5);

            List<CompletableFuture<List<Event>>> received = new ArrayList<>();
            for (Subscriber other : others) {
                received.add(CompletableFuture.supplyAsync(other::readToTheEndUnchecked));
            }
            List<Event> expected = starter.readToTheEnd();
            assertThat(expected).hasSize(5);
            for (CompletableFuture<List<Event>> each : received) {
                assertThat(each.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
            }
            for (Subscriber other : others) {
                other.close();
            }
        }
    }

    @Test
    void shouldNotLetAStalledSubscriberDelayTheOthers() throws Exception {
        start();
        String[] deltas = new String[3_000];
        java.util.Arrays.fill(deltas, "x".repeat(500)); // 1.5 MB: far more than the socket buffers hold
        server.llm.script(ScriptedLlmStream.thatStreams(deltas).gated());
        ScriptedLlmStream llm = server.llm.current();
        String chat = chat("alice");
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}");
                Socket stalled = new Socket(server.root.getHost(), server.root.getPort())) {
            OutputStream out = stalled.getOutputStream();
            out.write(("GET " + eventsUrl(starter.streamId()) + " HTTP/1.1\r\nHost: x\r\nX-Test-User: alice\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush(); // and never read a byte
            await().atMost(Duration.ofSeconds(10)).until(() -> streamView(starter.streamId()).get("subscribers").asInt() == 2);

            llm.release(deltas.length + 1);

            List<Event> all = starter.readToTheEnd();
            assertThat(all.getLast().type()).isEqualTo("done");
            assertThat(text(all.subList(0, all.size() - 1))).hasSize(deltas.length * 500);
        }
    }

    @Test
    void shouldStopTheUpstreamStoreTheAnswerAsStoppedAndEndEverySubscriberWithDone() throws Exception {
        start();
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("Teil eins", " Teil zwei", " nie").gated());
        String chat = chat("alice");
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}");
                Subscriber second = Subscriber.get(server, "alice", eventsUrl(starter.streamId()), Optional.empty())) {
            llm.release(2);
            starter.next();
            starter.next();

            HttpResponse<String> stopped = request("POST", "/api/v1/streams/" + starter.streamId() + "/stop", "alice", null, null);

            assertThat(stopped.statusCode()).isEqualTo(200);
            assertThat(Sse.json(stopped.body()).get("status").asText()).isEqualTo("stopped");
            assertThat(llm.lastCompletion().isClosed()).isTrue();
            for (Subscriber each : List.of(starter, second)) {
                Event last = each.readToTheEnd().getLast();
                assertThat(last.type()).isEqualTo("done");
                assertThat(last.json().get("status").asText()).isEqualTo("stopped");
                assertThat(last.json().get("content").asText()).isEqualTo("Teil eins Teil zwei");
            }
            Message answer = awaitAnswer(chat);
            assertThat(answer.status()).isEqualTo(MessageStatus.STOPPED);
            assertThat(answer.content()).isEqualTo("Teil eins Teil zwei");
            HttpResponse<String> again = request("POST", "/api/v1/streams/" + starter.streamId() + "/stop", "alice", null, null);
            assertThat(again.statusCode()).as("stop is idempotent").isEqualTo(200);
            assertThat(Sse.json(again.body()).get("status").asText()).isEqualTo("stopped");
        }
    }

    @Test
    void shouldHoldEveryEventWhilePausedThenDeliverTheRestInOrder() throws Exception {
        start(StreamingSettings.defaults().withDetachGrace(Duration.ofSeconds(30)).withPause(2, Duration.ofMinutes(10)));
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("a", "b", "c", "d", "e", "f").gated());
        String chat = chat("alice");
        String streamId;
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}");
                Subscriber second = Subscriber.get(server, "alice", eventsUrl(starter.streamId()), Optional.empty())) {
            streamId = starter.streamId();
            llm.release(1);
            assertThat(starter.next().type()).isEqualTo("chunk");

            HttpResponse<String> paused = request("POST", "/api/v1/streams/" + starter.streamId() + "/pause", "alice", null, null);
            assertThat(paused.statusCode()).isEqualTo(200);
            assertThat(Sse.json(paused.body()).get("status").asText()).isEqualTo("paused");
            assertThat(starter.next().type()).isEqualTo("paused");
            llm.release(10);

            // the upstream is read up to the pause buffer (2 pieces), then not at all: the generator waits for room
            await().atMost(Duration.ofSeconds(5)).until(() -> llm.pulled() == 3);
            Threads.awaitParkedIn(llm.lastPuller(), "StreamRun.awaitRoomWhilePaused", Duration.ofSeconds(5));
            assertThat(llm.pulled()).isEqualTo(3);
            assertThat(streamView(starter.streamId()).get("last_event_id").asInt()).isEqualTo(2);

            HttpResponse<String> resumed = request("POST", "/api/v1/streams/" + starter.streamId() + "/resume", "alice", null, null);
            assertThat(resumed.statusCode()).isEqualTo(200);

            List<Event> starterSaw = starter.readToTheEnd();
            assertThat(starterSaw.getFirst().type()).isEqualTo("resumed");
            assertThat(text(starterSaw)).isEqualTo("bcdef");
            List<Event> secondSaw = second.readToTheEnd();
            assertThat(secondSaw).extracting(Event::type).startsWith("chunk", "paused", "resumed");
            assertThat(secondSaw).extracting(Event::id).isSorted();
            assertThat(text(secondSaw)).isEqualTo("abcdef");
        }
        HttpResponse<String> late = request("POST", "/api/v1/streams/" + streamId + "/pause", "alice", null, null);
        assertThat(late.statusCode()).as("an ended stream cannot be paused").isEqualTo(409);
    }

    @Test
    void shouldEndAStreamPausedLongerThanAllowedAsStopped() throws Exception {
        start(StreamingSettings.defaults().withDetachGrace(Duration.ofSeconds(30)).withPause(100, Duration.ofSeconds(1)));
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("a", "b").gated());
        String chat = chat("alice");
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
            llm.release(1);
            starter.next();
            request("POST", "/api/v1/streams/" + starter.streamId() + "/pause", "alice", null, null);

            Event last = starter.readToTheEnd().getLast();

            assertThat(last.json().get("status").asText()).isEqualTo("stopped");
            assertThat(last.json().get("reason").asText()).isEqualTo("pause_timeout");
        }
        assertThat(awaitAnswer(chat).status()).isEqualTo(MessageStatus.STOPPED);
    }

    @Test
    void shouldCloseTheUpstreamAndStoreInterruptedWhenNobodyComesBackWithinTheGrace() throws Exception {
        start(StreamingSettings.defaults().withDetachGrace(Duration.ofMillis(300)));
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("a").thenStalls());
        String chat = chat("alice");
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
            starter.next();
        }

        assertThat(llm.lastCompletion().awaitClosed(Duration.ofSeconds(10))).isTrue();
        Message answer = awaitAnswer(chat);
        assertThat(answer.status()).isEqualTo(MessageStatus.INTERRUPTED);
        assertThat(answer.errorCode()).contains("client_gone");
    }

    @Test
    void shouldGoOnWhenAClientComesBackWithinTheGrace() throws Exception {
        start(StreamingSettings.defaults().withDetachGrace(Duration.ofSeconds(30)));
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("a", "b").gated());
        String chat = chat("alice");
        String streamId;
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
            streamId = starter.streamId();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> streamView(streamId).get("subscribers").asInt() == 0);
        try (Subscriber back = Subscriber.get(server, "alice", eventsUrl(streamId), Optional.empty())) {
            llm.release(3);
            assertThat(text(back.readToTheEnd())).isEqualTo("ab");
        }
        assertThat(awaitAnswer(chat).status()).isEqualTo(MessageStatus.COMPLETE);
    }

    @Test
    void shouldAnswer410NamingTheMessageOnceTheLogIsNoLongerKept() throws Exception {
        start();
        String chat = chat("alice");
        String streamId = answeredStream(chat);
        clock.now = clock.now.plusSeconds(301);

        HttpResponse<String> gone = request("GET", eventsUrl(streamId), "alice", "Last-Event-ID", "1");

        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(Sse.json(gone.body()).get("message_id").asText()).isEqualTo(awaitAnswer(chat).id().toString());
        assertThat(request("GET", eventsUrl(streamId), "alice", "Last-Event-ID", "99").statusCode()).isEqualTo(410);
    }

    @Test
    void shouldAnswer410ForAnEventIdTheStreamNeverHad() throws Exception {
        start();
        String chat = chat("alice");
        String streamId = answeredStream(chat);

        HttpResponse<String> unknown = request("GET", eventsUrl(streamId) + "?last_event_id=7", "alice", null, null);

        assertThat(unknown.statusCode()).isEqualTo(410);
        assertThat(unknown.body()).contains("\"message_id\"");
    }

    @Test
    void shouldRefuseALastEventIdThatIsNotANonNegativeInteger() throws Exception {
        start();
        server.llm.script(ScriptedLlmStream.thatStreams("kurz"));
        String chat = chat("alice");
        String streamId;
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
            streamId = starter.streamId();
            starter.readToTheEnd();
        }
        for (String bad : List.of("abc", "-1", "1.5", "99999999999999999999", "1e3", "0x10")) {
            // a connection of its own per request: twice under a loaded full build, a request reusing the connection
            // of the 400 before it went unanswered (not reproduced in isolation; see the session notes)
            HttpResponse<String> refused = onFreshConnection(HttpRequest.newBuilder(server.uri(eventsUrl(streamId)))
                    .header(USER, "alice").header("Last-Event-ID", bad).timeout(Duration.ofSeconds(20)).build());
            assertThat(refused.statusCode()).as("Last-Event-ID '%s'", bad).isEqualTo(400);
            assertThat(refused.body()).contains("Last-Event-ID must be a non-negative integer");
        }
        assertThat(request("GET", eventsUrl(streamId) + "?last_event_id=x", "alice", null, null).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldHideAStreamFromAnotherUser() throws Exception {
        start();
        server.llm.script(ScriptedLlmStream.thatStreams("a").thenStalls());
        String chat = chat("alice");
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
            String base = "/api/v1/streams/" + starter.streamId();
            assertThat(request("GET", base, "bob", null, null).statusCode()).isEqualTo(404);
            assertThat(request("GET", base + "/events", "bob", null, null).statusCode()).isEqualTo(404);
            for (String command : List.of("/stop", "/pause", "/resume")) {
                assertThat(request("POST", base + command, "bob", null, null).statusCode()).isEqualTo(404);
            }
            assertThat(request("GET", "/api/v1/streams/" + UUID.randomUUID(), "alice", null, null).statusCode()).isEqualTo(404);
            assertThat(request("GET", "/api/v1/streams/not-a-uuid", "alice", null, null).statusCode()).isEqualTo(404);
            assertThat(streamView(starter.streamId()).get("status").asText()).as("untouched by bob").isEqualTo("running");
        }
    }

    @Test
    void shouldRefuseASecondStreamInTheSameDialogueWith409NamingTheRunningOne() throws Exception {
        start();
        server.llm.script(ScriptedLlmStream.thatStreams("a").thenStalls());
        String chat = chat("alice");
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
            HttpResponse<String> second = request("POST", "/api/sse/" + chat + "/stream", "alice", "Content-Type", "application/json",
                    "{\"message\":\"Noch eins\"}");

            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(Sse.json(second.body()).get("stream_id").asText()).isEqualTo(starter.streamId());
            assertThat(second.headers().firstValue("Connection")).as("the next request goes out on a fresh connection")
                    .hasValue("close");
        }
    }

    @Test
    void shouldShowTheRunningStreamOfADialogueAndNullOnceItEnded() throws Exception {
        start();
        ScriptedLlmStream llm = server.llm.script(ScriptedLlmStream.thatStreams("a").gated());
        String chat = chat("alice");
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
            JsonNode active = Sse.json(request("GET", "/api/v1/chats/" + chat, "alice", null, null).body()).get("active_stream");
            assertThat(active.get("stream_id").asText()).isEqualTo(starter.streamId());
            assertThat(active.get("status").asText()).isEqualTo("running");
            assertThat(active.has("last_event_id")).isTrue();
            JsonNode view = streamView(starter.streamId());
            assertThat(view.get("chat_id").asText()).isEqualTo(chat);
            assertThat(view.has("thread_id")).isFalse();
            assertThat(view.get("message_id").asText()).hasSize(36);
            assertThat(view.get("created_at").asText()).isNotBlank();

            llm.release(2);
            starter.readToTheEnd();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Sse.json(request("GET", "/api/v1/chats/" + chat, "alice", null, null).body())
                .get("active_stream").isNull());
    }

    // ---- helpers ----

    /** Streams a short answer in {@code chat} to its end; @return the stream's id */
    private String answeredStream(String chat) throws Exception {
        server.llm.script(ScriptedLlmStream.thatStreams("kurz"));
        try (Subscriber starter = Subscriber.post(server, "alice", "/api/sse/" + chat + "/stream", "{\"message\":\"Hallo\"}")) {
            return starter.readToTheEnd().getLast().json().get("streamId").asText();
        }
    }

    private String eventsUrl(String streamId) {
        return "/api/v1/streams/" + streamId + "/events";
    }

    private JsonNode streamView(String streamId) {
        HttpResponse<String> response = request("GET", "/api/v1/streams/" + streamId, "alice", null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Sse.json(response.body());
    }

    private String chat(String user) {
        HttpResponse<String> response = request("POST", "/api/v1/chats", user, null, null);
        assertThat(response.statusCode()).isEqualTo(201);
        return Sse.json(response.body()).get("chat_id").asText();
    }

    private Message awaitAnswer(String chat) {
        DialogueRef dialogue = DialogueRef.chat(UUID.fromString(chat));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.store.messagesOf(dialogue).stream()
                .anyMatch(m -> m.role() == MessageRole.ASSISTANT));
        return server.store.messagesOf(dialogue).stream().filter(m -> m.role() == MessageRole.ASSISTANT).reduce((a, b) -> b)
                .orElseThrow();
    }

    private HttpResponse<String> request(String method, String path, String user, String header, String value) {
        return request(method, path, user, header, value, null);
    }

    private HttpResponse<String> request(String method, String path, String user, String header, String value, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(20)).header(USER, user)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            request.header(header, value);
        }
        try {
            return onFreshConnection(request.build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Each exchange on a client (and connection) of its own: a few requests on the shared pooled client went
     * unanswered under a loaded full build (see the session notes), never on a fresh one.
     */
    private static HttpResponse<String> onFreshConnection(HttpRequest request) throws IOException, InterruptedException {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String text(List<Event> events) {
        return events.stream().filter(e -> e.type().equals("chunk")).map(e -> e.json().get("content").asText())
                .collect(Collectors.joining());
    }

    /** One SSE event as a client reads it. */
    record Event(String id, String data) {
        JsonNode json() {
            return Sse.json(data);
        }

        String type() {
            return json().get("type").asText();
        }
    }

    /** An SSE client reading one response event by event, as it arrives; closing it drops the connection. */
    static final class Subscriber implements AutoCloseable {
        private final java.net.http.HttpClient client;
        private final HttpResponse<InputStream> response;
        private final BufferedReader reader;

        private Subscriber(java.net.http.HttpClient client, HttpResponse<InputStream> response) {
            this.client = client;
            this.response = response;
            this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        }

        static Subscriber post(TestServer server, String user, String path, String json) throws Exception {
            return open(server, HttpRequest.newBuilder(server.uri(path)).header(USER, user).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        static Subscriber get(TestServer server, String user, String path, Optional<String> lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header(USER, user).GET();
            lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
            return open(server, request.build());
        }

        private static Subscriber open(TestServer server, HttpRequest request) throws Exception {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                client.close();
                throw new AssertionError("expected 200, got " + response.statusCode() + ": " + body);
            }
            return new Subscriber(client, response);
        }

        String streamId() {
            return response.headers().firstValue("X-Stream-Id").orElseThrow();
        }

        String contentLocation() {
            return response.headers().firstValue("Content-Location").orElseThrow();
        }

        /** The next event; fails when the response ends first. */
        Event next() throws IOException {
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        return new Event(id, data.toString());
                    }
                    continue; // retry:, heartbeats
                }
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            throw new IOException("the response ended before the next event");
        }

        List<Event> readToTheEnd() throws IOException {
            List<Event> events = new ArrayList<>();
            while (true) {
                Event event = next();
                events.add(event);
                if (event.type().equals("done") || event.type().equals("error")) {
                    assertThat(reader.readLine()).as("nothing after the final event").isNull();
                    return events;
                }
            }
        }

        List<Event> readToTheEndUnchecked() {
            try {
                return readToTheEnd();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            response.body().close();
            client.shutdownNow();
        }
    }

    /** A clock the test moves, for the log's retention. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-30T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
