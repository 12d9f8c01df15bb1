package io.llmstream.http.jersey;

import io.llmstream.http.jersey.server.StreamingApi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.core.model.Character;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.usecase.AudioSettings;
import io.llmstream.core.usecase.StreamingCore;
import io.llmstream.core.usecase.StreamingSettings;
import io.llmstream.testkit.InMemoryKnowledgeBase;
import io.llmstream.testkit.InMemoryStore;
import io.llmstream.testkit.ScriptedLlmStream;
import io.llmstream.testkit.TestStreamingCore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.glassfish.grizzly.http.server.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code conversation.send} with {@code audio} over a real WebSocket: the spoken answer between its text events. */
class WebSocketAudioTest {

    private final InMemoryStore store = new InMemoryStore();
    private StreamingCore core;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdownNow();
            core.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldSendAudioFramesBetweenTheTextEventsOfASpokenAnswer() throws Exception {
        core = TestStreamingCore.wiredWith(ScriptedLlmStream.thatStreams("Erster Satz ist hier. ", "Zweiter Satz folgt."),
                        store, new InMemoryKnowledgeBase())
                .settings(StreamingSettings.defaults().withDetachGrace(Duration.ZERO))
                .speech(new ToneSpeechSynthesizer(), new AudioSettings(2, 240, Duration.ofSeconds(20))).build();
        server = StreamingApi.grizzlyServer(URI.create("http://127.0.0.1:0/"), StreamingApi.builder(core).build());
        server.start();
        Character character = new Character(UUID.randomUUID(), "local", "sprecher", Optional.empty(), "Sprich.",
                Optional.empty(), Optional.empty(), Optional.of("de"), Optional.of("tone"), Map.of(), Instant.now());
        store.create(character);
        Conversation conversation = new Conversation(UUID.randomUUID(), "local", character, Instant.now());
        store.createConversation(conversation);
        URI ws = URI.create("ws://127.0.0.1:" + server.getListener("grizzly").getPort() + "/api/v1/ws");

        try (WsClient client = WsClient.connect(ws, null)) { // local mode: no token
            client.send("{\"type\":\"conversation.send\",\"request_id\":\"a\",\"thread_id\":\"" + conversation.id()
                    + "\",\"message\":\"Erzähl.\",\"audio\":{\"format\":\"wav\"}}");
            String streamId = client.next("stream.started").get("stream_id").asText();
            List<JsonNode> frames = new ArrayList<>();
            boolean audioDone = false;
            boolean textDone = false;
            while (!(audioDone && textDone)) {
                JsonNode frame = client.next();
                frames.add(frame);
                textDone |= frame.get("type").asText().equals("done");
                audioDone = textDone && frames.stream().filter(f -> f.get("type").asText().equals("audio")).count() >= 2;
            }

            List<JsonNode> audio = frames.stream().filter(f -> f.get("type").asText().equals("audio")).toList();
            assertThat(audio).allSatisfy(f -> {
                assertThat(f.get("stream_id").asText()).isEqualTo(streamId);
                assertThat(f.get("format").asText()).isEqualTo("wav");
                assertThat(Base64.getDecoder().decode(f.get("data").asText())).isNotEmpty();
            });
            assertThat(audio).extracting(f -> f.get("seq").asLong()).isSorted();
            assertThat(frames.stream().filter(f -> f.get("type").asText().equals("done")).findFirst().orElseThrow()
                    .get("content").asText()).isEqualTo("Erster Satz ist hier. Zweiter Satz folgt.");
        }
    }
}
