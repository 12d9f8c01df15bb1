package io.llmstream.http.jersey.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.http.jersey.Sse;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.EventSink;
import io.llmstream.testkit.contract.EventSinkContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.grizzly.OutputSink;
import org.glassfish.grizzly.WriteHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The testkit's sink contract, with the HTTP response played in memory: the wire hands out a stream the test
 * can break; what the client received is parsed back from the SSE bytes, so the contract also proves that the
 * wire format loses nothing.
 */
class JerseySseEventSinkTest extends EventSinkContract {

    private final Map<EventSink, Client> clients = new IdentityHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

    @Override
    protected EventSink openSink() {
        Client client = new Client();
        JerseySseEventSink sink = new JerseySseEventSink(Duration.ofMillis(20), heartbeats,
                new HeldResponse() {
                    @Override
                    public OutputStream open(Runnable clientGone) {
                        client.opened = true;
                        return client;
                    }

                    @Override
                    public void end() {
                        client.ended = true;
                    }
                });
        clients.put(sink, client);
        return sink;
    }

    @Override
    protected List<StreamEvent> receivedBy(EventSink sink, int expected) {
        Client client = clients.get(sink);
        await().atMost(Duration.ofSeconds(5)).until(() -> Sse.parse(client.text()).size() >= expected);
        return Sse.parse(client.text()).stream().map(JerseySseEventSinkTest::event).toList();
    }

    @Override
    protected void clientLeaves(EventSink sink) {
        clients.get(sink).gone = true;
        sink.onClose(() -> { }); // makes sure the response is committed, so heartbeats run
        await().atMost(Duration.ofSeconds(5)).until(() -> !sink.isOpen());
    }

    @AfterEach
    void finishResponses() {
        clients.keySet().forEach(sink -> ((JerseySseEventSink) sink).finish());
        heartbeats.shutdownNow();
    }

    @Test
    void shouldTakeAnOfferOnlyOnceStartedAndWhenTheConnectionTakesItWithoutBlocking() {
        EventSink sink = openSink();
        Client client = clients.get(sink);
        DialogueRef dialogue = DialogueRef.chat(UUID.randomUUID());
        client.writable = true;
        assertThat(sink.offer(new StreamEvent.Chunk(1, dialogue, "vor dem Start"))).isFalse();
        assertThat(client.opened).as("an offer never starts the response").isFalse();

        sink.onClose(() -> { });
        assertThat(sink.offer(new StreamEvent.Chunk(1, dialogue, "eins"))).isTrue();
        client.writable = false; // Grizzly's write queue is full: a write now would block
        assertThat(sink.offer(new StreamEvent.Chunk(2, dialogue, "zwei"))).isFalse();
        assertThat(sink.send(new StreamEvent.Chunk(2, dialogue, "zwei"))).isTrue();
        client.writable = true;
        assertThat(sink.offer(new StreamEvent.Chunk(3, dialogue, "x".repeat(JerseyHeldResponse.BUFFER_BYTES)))).as("larger than one buffer")
                .isFalse();

        assertThat(receivedBy(sink, 2)).extracting(StreamEvent::id).containsExactly(1L, 2L);
    }

    @Test
    void shouldWriteAHeartbeatWhenNothingElseWasWrittenForAnInterval() {
        EventSink sink = openSink();
        sink.onClose(() -> { });

        await().atMost(Duration.ofSeconds(5)).until(() -> clients.get(sink).text().contains(": heartbeat\n\n"));
        assertThat(sink.isOpen()).isTrue();
    }

    @Test
    void shouldStartTheResponseOnlyWhenTheCoreRegistersOrSendsAndEndItOnFinish() {
        EventSink sink = openSink();
        Client client = clients.get(sink);
        assertThat(client.opened).as("a refusal (404, 400) can still be answered as JSON").isFalse();

        sink.onClose(() -> { });
        assertThat(client.opened).isTrue();
        assertThat(((JerseySseEventSink) sink).finish()).isTrue();

        assertThat(client.ended).isTrue();
    }

    @Test
    void shouldNotStartTheResponseOfAStreamThatNeverBegan() {
        JerseySseEventSink sink = (JerseySseEventSink) openSink();

        assertThat(sink.finish()).as("the caller answers with the refusal instead").isFalse();
        assertThat(clients.get(sink).opened).isFalse();
    }

    @Test
    void shouldFailAndRunTheCallbacksWhenTheClientClosesTheConnection() {
        JerseySseEventSink sink = (JerseySseEventSink) openSink();
        List<String> calls = new ArrayList<>();
        sink.onClose(() -> calls.add("closed"));

        sink.clientGone();

        assertThat(sink.isOpen()).isFalse();
        assertThat(calls).containsExactly("closed");
        assertThat(clients.get(sink).ended).as("the response is ended at once").isTrue();
        assertThat(sink.send(new StreamEvent.Chunk(1, DialogueRef.chat(UUID.randomUUID()), "x"))).isFalse();
    }

    @Test
    void shouldRoundTripCitationsAndUsageThroughTheWireFormat() {
        EventSink sink = openSink();
        DialogueRef chat = DialogueRef.chat(UUID.randomUUID());
        Citation twoStage = new Citation("d:0", "Passage", 0.5, "d", 0, "Titel", 0.25, 3, Optional.of(0.75));
        Citation singleStage = new Citation("e:2", "Andere", 0.4, "e", 2);
        StreamEvent done = new StreamEvent.Done(1, chat, "Text", List.of(twoStage), List.of(singleStage, twoStage),
                UUID.randomUUID(), Optional.of(new TokenUsage(3, 4)), "openai", "gpt", UUID.randomUUID(),
                io.llmstream.core.model.StreamStatus.STOPPED, Optional.of("pause_timeout"));

        sink.send(done);

        assertThat(receivedBy(sink, 1)).containsExactly(done);
    }

    /** Rebuilds the core's event from its SSE form. */
    private static StreamEvent event(Sse.Event received) {
        JsonNode json = received.json();
        long id = Long.parseLong(received.id());
        DialogueRef dialogue = json.has("threadId") ? DialogueRef.conversation(UUID.fromString(json.get("threadId").asText()))
                : DialogueRef.chat(UUID.fromString(json.get("chatId").asText()));
        return switch (json.get("type").asText()) {
            case "chunk" -> new StreamEvent.Chunk(id, dialogue, json.get("content").asText());
            case "error" -> new StreamEvent.Error(id, dialogue, json.get("code").asText(), json.get("message").asText());
            case "done" -> {
                List<Citation> citations = citations(json.get("citations"));
                List<Citation> retrieved = citations(json.get("retrieved"));
                Optional<TokenUsage> usage = json.has("usage") ? Optional.of(new TokenUsage(
                        json.get("usage").get("promptTokens").asInt(), json.get("usage").get("completionTokens").asInt()))
                        : Optional.empty();
                yield new StreamEvent.Done(id, dialogue, json.get("content").asText(), citations, retrieved,
                        UUID.fromString(json.get("messageId").asText()), usage, json.get("provider").asText(),
                        json.get("model").asText(), UUID.fromString(json.get("streamId").asText()),
                        io.llmstream.core.model.StreamStatus.valueOf(json.get("status").asText().toUpperCase(java.util.Locale.ROOT)),
                        json.has("reason") ? Optional.of(json.get("reason").asText()) : Optional.empty());
            }
            default -> throw new IllegalStateException("unknown event type in " + json);
        };
    }

    private static List<Citation> citations(JsonNode array) {
        List<Citation> citations = new ArrayList<>();
        array.forEach(c -> citations.add(new Citation(c.get("id").asText(), c.get("content").asText(),
                c.get("score").asDouble(), c.get("metadata").get("documentId").asText(),
                c.get("metadata").get("chunkIndex").asInt(), c.get("metadata").get("title").asText(),
                c.get("firstStageScore").asDouble(), c.get("firstStageRank").asInt(),
                c.get("secondStageScore").isNull() ? Optional.empty() : Optional.of(c.get("secondStageScore").asDouble()))));
        return citations;
    }

    /**
     * The client's end of the connection: collects bytes until it is gone, then every write fails. Like Grizzly's
     * response stream it says whether a write would block ({@code writable}, false unless a test says otherwise).
     */
    private static final class Client extends OutputStream implements OutputSink {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile boolean writable;
        private volatile boolean gone;
        private volatile boolean opened;
        private volatile boolean ended;

        @Override
        public synchronized void write(int b) throws IOException {
            check();
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] buffer, int offset, int length) throws IOException {
            check();
            bytes.write(buffer, offset, length);
        }

        @Override
        public void flush() throws IOException {
            check();
        }

        @Override
        public boolean canWrite() {
            return writable;
        }

        @Override
        public boolean canWrite(int length) {
            return writable;
        }

        @Override
        public void notifyCanWrite(WriteHandler handler) {
            throw new UnsupportedOperationException("the sink never waits for room");
        }

        @Override
        public void notifyCanWrite(WriteHandler handler, int length) {
            throw new UnsupportedOperationException("the sink never waits for room");
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        private void check() throws IOException {
            if (gone) {
                throw new IOException("Broken pipe");
            }
        }
    }
}
