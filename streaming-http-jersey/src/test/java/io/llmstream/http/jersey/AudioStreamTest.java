package io.llmstream.http.jersey;

import io.llmstream.http.jersey.server.StreamingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.core.model.Character;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.usecase.AudioSettings;
import io.llmstream.core.usecase.StreamingCore;
import io.llmstream.core.usecase.StreamingSettings;
import io.llmstream.testkit.InMemoryKnowledgeBase;
import io.llmstream.testkit.InMemoryStore;
import io.llmstream.testkit.ScriptedLlmStream;
import io.llmstream.testkit.TestStreamingCore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;
import org.glassfish.grizzly.http.server.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The spoken answer over real sockets: chunked audio, the SSE variant, refusals and both failure paths. */
class AudioStreamTest {

    private static final String PATH = "/api/v1/conversations/message/audio/stream";
    private static final String ANSWER = "Erster Satz ist hier. Zweiter Satz folgt. Dritter Satz endet.";

    private final InMemoryStore store = new InMemoryStore();
    private final ToneSpeechSynthesizer speech = new ToneSpeechSynthesizer();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ScriptedLlmStream llm;
    private StreamingCore core;
    private HttpServer server;
    private URI root;
    private Conversation conversation;

    private void start(ScriptedLlmStream script) {
        llm = script;
        InMemoryKnowledgeBase knowledge = new InMemoryKnowledgeBase();
        core = TestStreamingCore.wiredWith(llm, store, knowledge).settings(StreamingSettings.defaults().withDetachGrace(Duration.ZERO))
                .speech(speech, new AudioSettings(2, 240, Duration.ofSeconds(20))).build();
        server = StreamingApi.grizzlyServer(URI.create("http://127.0.0.1:0/"), StreamingApi.builder(core).build());
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        root = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort());
        Character character = new Character(UUID.randomUUID(), "local", "sprecher", Optional.empty(), "Sprich.",
                Optional.empty(), Optional.empty(), Optional.of("de"), Optional.of("tone"), Map.of(), Instant.now());
        store.create(character);
        conversation = new Conversation(UUID.randomUUID(), "local", character, Instant.now());
        store.createConversation(conversation);
    }

    private static ScriptedLlmStream answering(Duration delay) {
        return ScriptedLlmStream.thatStreams("Erster Satz ", "ist hier. ", "Zweiter Satz folgt. ", "Dritter Satz ", "endet.")
                .withDelay(delay);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdownNow();
            core.close(Duration.ofSeconds(5));
        }
    }

    private String body(String format) {
        var node = Sse.JSON.createObjectNode().put("thread_id", conversation.id().toString()).put("message", "Erzähl was.");
        if (format != null) {
            node.put("format", format);
        }
        return node.toString();
    }

    private HttpResponse<InputStream> post(String body, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + PATH)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private Optional<Message> answer() {
        return store.messagesOf(conversation.ref()).stream().filter(m -> m.role() == MessageRole.ASSISTANT).findFirst();
    }

    private Message awaitAnswer() {
        return await("the answer persisted").atMost(Duration.ofSeconds(10)).until(this::answer, Optional::isPresent).get();
    }

    @Test
    void shouldStreamAWavWhoseFirstBytesArriveBeforeTheAnswerIsComplete() throws Exception {
        start(answering(Duration.ofMillis(150)));

        HttpResponse<InputStream> response = post(body("wav"), null);
        byte[] first;
        Optional<Message> answerAtFirstBytes;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (InputStream in = response.body()) {
            first = in.readNBytes(44 + 2);
            answerAtFirstBytes = answer();
            all.writeBytes(first);
            all.writeBytes(in.readAllBytes());
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(answerAtFirstBytes).as("the answer was already complete when the first audio arrived").isEmpty();
        byte[] wav = all.toByteArray();
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(wav, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
        assertThat(header.getInt(4)).isEqualTo(-1); // streamable: size unknown
        assertThat(header.getInt(24)).isEqualTo(ToneSpeechSynthesizer.SAMPLE_RATE);
        int spokenCharacters = "Erster Satz ist hier.".length() + "Zweiter Satz folgt.".length() + "Dritter Satz endet.".length();
        assertThat(wav.length - 44).isEqualTo(spokenCharacters * 160 * 2);
        assertThat(awaitAnswer().content()).isEqualTo(ANSWER);
    }

    @Test
    void shouldStreamMp3ByDefault() throws Exception {
        start(answering(Duration.ZERO));

        HttpResponse<InputStream> response = post(body(null), "*/*");
        byte[] mp3 = response.body().readAllBytes();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(mp3.length % ToneSpeechSynthesizer.MP3_FRAME.length).isZero();
        for (int at = 0; at < mp3.length; at += ToneSpeechSynthesizer.MP3_FRAME.length) {
            assertThat(mp3[at] & 0xFF).isEqualTo(0xFF); // every frame starts with its sync
        }
        assertThat(mp3.length).isGreaterThan(0);
    }

    @Test
    void shouldInterleaveTextAndAudioEventsKeepingTheStreamsIdSequenceOnTheSseVariant() throws Exception {
        start(answering(Duration.ofMillis(100)));

        HttpResponse<InputStream> response = post(body("wav"), "text/event-stream");
        List<Sse.Event> events = Sse.parse(new String(response.body().readAllBytes(), StandardCharsets.UTF_8));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        // text events keep the ids of the stream's log (so a resume neither skips nor repeats text); audio has none
        List<Sse.Event> text = events.stream().filter(e -> !e.type().equals("audio")).toList();
        assertThat(text).extracting(e -> Long.parseLong(e.id()))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, text.size()).boxed().toList());
        List<JsonNode> audio = events.stream().filter(e -> e.type().equals("audio")).peek(e -> assertThat(e.id()).isNull())
                .map(Sse.Event::json).toList();
        assertThat(audio).isNotEmpty();
        assertThat(audio).extracting(j -> j.get("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, audio.size()).boxed().toList());
        assertThat(audio).extracting(j -> j.get("after").asLong()).isSorted();
        assertThat(audio).allSatisfy(j -> assertThat(j.get("format").asText()).isEqualTo("wav"));
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        audio.forEach(j -> wav.writeBytes(Base64.getDecoder().decode(j.get("data").asText())));
        assertThat(new String(wav.toByteArray(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        int firstAudio = indexOfType(events, "audio");
        int lastChunk = events.size() - 1 - indexOfType(events.reversed(), "chunk");
        assertThat(firstAudio).as("audio before the last text chunk").isLessThan(lastChunk);
        assertThat(events.getLast().type()).isEqualTo("done");
        assertThat(events.getLast().json().get("content").asText()).isEqualTo(ANSWER);
    }

    private static int indexOfType(List<Sse.Event> events, String type) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldAnswer503NamingTheProviderBeforeTheStreamOpensWhenItIsUnavailable() throws Exception {
        start(answering(Duration.ZERO));
        speech.unavailable(Optional.of("text-to-speech provider 'espeak' is not available: espeak-ng is not installed"));

        HttpResponse<InputStream> audio = post(body("mp3"), null);
        HttpResponse<InputStream> sse = post(body("mp3"), "text/event-stream");

        for (HttpResponse<InputStream> response : List.of(audio, sse)) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode error = Sse.json(new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            assertThat(error.get("message").asText()).contains("'espeak'");
        }
        assertThat(llm.completions()).isEmpty();
        assertThat(store.saveLog()).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownFormatAndAnUnknownThread() throws Exception {
        start(answering(Duration.ZERO));

        HttpResponse<InputStream> badFormat = post(body("ogg"), null);
        HttpResponse<InputStream> unknown = post(Sse.JSON.createObjectNode().put("thread_id", UUID.randomUUID().toString())
                .put("message", "Hallo").toString(), null);

        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(new String(badFormat.body().readAllBytes(), StandardCharsets.UTF_8)).contains("mp3 or wav");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Connection")).as("the next request goes out on a fresh connection")
                .hasValue("close");
    }

    @Test
    void shouldEndTheAudioBodyButPersistTheWholeAnswerWhenSynthesisFailsMidAnswer() throws Exception {
        start(answering(Duration.ofMillis(50)));
        speech.failingOn("Zweiter");

        HttpResponse<InputStream> response = post(body("wav"), null);
        byte[] wav = response.body().readAllBytes();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(wav.length - 44).isEqualTo("Erster Satz ist hier.".length() * 160 * 2);
        Message answer = awaitAnswer();
        assertThat(answer.status()).isEqualTo(MessageStatus.COMPLETE);
        assertThat(answer.content()).isEqualTo(ANSWER);
    }

    @Test
    void shouldEndTheSseVariantWithATtsErrorEventButPersistTheWholeAnswer() throws Exception {
        start(answering(Duration.ofMillis(50)));
        speech.failingOn("Zweiter");

        HttpResponse<InputStream> response = post(body("mp3"), "text/event-stream");
        List<Sse.Event> events = Sse.parse(new String(response.body().readAllBytes(), StandardCharsets.UTF_8));

        assertThat(events.getLast().type()).isEqualTo("error");
        assertThat(events.getLast().json().get("code").asText()).isEqualTo("tts_engine_failed");
        assertThat(events.getLast().id()).as("the speaker's error is not one of the stream's events").isNull();
        assertThat(events).filteredOn(e -> e.type().equals("done") || e.type().equals("error")).hasSize(1);
        List<Sse.Event> text = events.stream().filter(e -> e.type().equals("chunk")).toList();
        assertThat(text).extracting(e -> Long.parseLong(e.id()))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, text.size()).boxed().toList());
        Message answer = awaitAnswer();
        assertThat(answer.status()).isEqualTo(MessageStatus.COMPLETE);
        assertThat(answer.content()).isEqualTo(ANSWER);
    }

    @Test
    void shouldSpeakAStreamAgainFromAnEventIdOfItsTextAfterTheClientDropped() throws Exception {
        start(answering(Duration.ZERO));
        HttpResponse<InputStream> text = post(body("wav"), "text/event-stream");
        String streamId = text.headers().firstValue("X-Stream-Id").orElseThrow();
        List<Sse.Event> events = Sse.parse(new String(text.body().readAllBytes(), StandardCharsets.UTF_8));
        long lastText = events.stream().filter(e -> e.id() != null).mapToLong(e -> Long.parseLong(e.id())).max().orElseThrow();
        int spokenBefore = speech.opened();

        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(URI.create(root + "/api/v1/streams/" + streamId
                + "/audio?format=wav")).header("Last-Event-ID", "2").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(new String(again.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(speech.opened() - spokenBefore).as("only the sentences after event 2 are spoken again")
                .isPositive().isLessThan(spokenBefore);
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(root + "/api/v1/streams/" + streamId
                + "/audio?format=wav")).header("Last-Event-ID", String.valueOf(lastText)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as("nothing left to speak").isEqualTo(204);
    }

    @Test
    void shouldAnswer502WhenTheFirstSentenceCannotBeSpoken() throws Exception {
        start(answering(Duration.ZERO));
        speech.failingOn("Erster");

        HttpResponse<InputStream> response = post(body("mp3"), null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Connection")).as("the next request goes out on a fresh connection")
                .hasValue("close");
        assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).contains("tts_engine_failed");
        assertThat(awaitAnswer().status()).isEqualTo(MessageStatus.COMPLETE);
    }

    @Test
    void shouldCancelTheLlmAndTheSynthesisWhenTheClientLeaves() throws Exception {
        String[] sentences = new String[40];
        java.util.Arrays.fill(sentences, "Noch ein Satz. ");
        start(ScriptedLlmStream.thatStreams(sentences).withDelay(Duration.ofMillis(100)));

        // the LLM is cancelled long before its 40th sentence
        Message answer = leaveAfterTheFirstBytesAndAwaitTheInterruptedAnswer();
        assertThat(answer.content().length()).isLessThan(40 * "Noch ein Satz. ".length());
        assertThat(speech.opened()).isLessThan(40);
    }

    @Test
    void shouldCancelTheLlmWhenTheClientClosesWhileTheAnswerIsSilent() throws Exception {
        start(ScriptedLlmStream.thatStreams("Erster Satz ist hier. ", "Zweiter ").thenStalls());

        // the chunked audio body has no heartbeat and the LLM stalls: only the close itself can tell
        assertThat(leaveAfterTheFirstBytesAndAwaitTheInterruptedAnswer().content()).startsWith("Erster Satz");
    }

    /** Reads 100 bytes of a WAV answer, closes the connection, and expects the LLM cancelled and the answer kept. */
    private Message leaveAfterTheFirstBytesAndAwaitTheInterruptedAnswer() throws Exception {
        HttpResponse<InputStream> response = post(body("wav"), null);
        try (InputStream in = response.body()) {
            assertThat(in.readNBytes(100)).hasSize(100);
        }
        assertThat(llm.lastCompletion().awaitClosed(Duration.ofSeconds(10))).isTrue();
        Message answer = awaitAnswer();
        assertThat(answer.status()).isEqualTo(MessageStatus.INTERRUPTED);
        assertThat(answer.errorCode()).contains("client_gone");
        return answer;
    }
}
