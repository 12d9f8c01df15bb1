package io.llmstream.adapter.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmstream.core.port.SpeechException;
import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.core.port.SpeechSynthesizer.Encoding;
import io.llmstream.core.port.SpeechSynthesizer.Request;
import io.llmstream.core.port.SpeechSynthesizer.Speech;
import io.llmstream.core.port.SpeechSynthesizer.Voice;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible and ElevenLabs clients against a fake TTS server over real sockets. */
class HttpSpeechSynthesizersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeTtsServer server;
    private ProviderRegistrySpeechSynthesizer registry;

    @BeforeEach
    void start() throws Exception {
        server = new FakeTtsServer();
        TtsConfig config = TtsConfig.localEngine().withDefaultProvider(Optional.of(TtsConfig.OPENAI))
                .withOpenAi(new TtsConfig.OpenAi(server.uri("/v1"), Optional.of("sk-test"), "tts-1", "alloy"))
                .withElevenLabs(new TtsConfig.ElevenLabs(server.uri("/"), "xi-test", "eleven_multilingual_v2", "voice123"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
        registry = new ProviderRegistrySpeechSynthesizer(config);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static List<byte[]> mp3Pieces(int count) {
        List<byte[]> pieces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] frame = new byte[417]; // one MPEG-1 layer III frame, 128 kbit/s, 44.1 kHz, no padding
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB;
            frame[2] = (byte) 0x90;
            frame[3] = (byte) 0x64;
            pieces.add(frame);
        }
        return pieces;
    }

    private static byte[] readAll(Speech speech) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Optional<byte[]> chunk;
        while ((chunk = speech.read()).isPresent()) {
            out.writeBytes(chunk.get());
        }
        return out.toByteArray();
    }

    @Test
    void shouldStreamOpenAiSpeechWithTheDefaultModelAndVoice() throws Exception {
        server.answering(200, "audio/mpeg", mp3Pieces(5), Duration.ofMillis(5));

        byte[] audio;
        try (Speech speech = registry.open(new Request(Voice.defaults(), "Hallo Welt.", Encoding.MP3))) {
            audio = readAll(speech);
            assertThat(speech.provider()).isEqualTo("openai");
        }

        assertThat(AudioChecks.mp3Seconds(audio)).isCloseTo(5 * 1152 / 44_100.0, org.assertj.core.data.Offset.offset(0.001));
        FakeTtsServer.Received request = server.received().getFirst();
        assertThat(request.path()).isEqualTo("/v1/audio/speech");
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("model").asText()).isEqualTo("tts-1");
        assertThat(body.get("voice").asText()).isEqualTo("alloy");
        assertThat(body.get("input").asText()).isEqualTo("Hallo Welt.");
        assertThat(body.get("response_format").asText()).isEqualTo("mp3");
    }

    @Test
    void shouldAskOpenAiForPcmWithTheCharactersModelAndVoice() throws Exception {
        server.answering(200, "application/octet-stream", List.of(new byte[4800]), Duration.ZERO);

        try (Speech speech = registry.open(new Request(new Voice(Optional.of("openai:gpt-4o-mini-tts"), Optional.of("nova")),
                "Hallo.", Encoding.PCM_S16LE))) {
            assertThat(readAll(speech)).hasSize(4800);
            assertThat(speech.sampleRate()).isEqualTo(24_000);
        }

        JsonNode body = JSON.readTree(server.received().getFirst().body());
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini-tts");
        assertThat(body.get("voice").asText()).isEqualTo("nova");
        assertThat(body.get("response_format").asText()).isEqualTo("pcm");
    }

    @Test
    void shouldStreamElevenLabsSpeechFromTheVoicesStreamEndpoint() throws Exception {
        server.answering(200, "audio/mpeg", mp3Pieces(3), Duration.ZERO);

        try (Speech speech = registry.open(new Request(new Voice(Optional.of("elevenlabs"), Optional.of("JBFqnCBsd6RMkjVDRZzb")),
                "Hello.", Encoding.MP3))) {
            assertThat(AudioChecks.mp3Seconds(readAll(speech))).isGreaterThan(0.07);
        }

        FakeTtsServer.Received request = server.received().getFirst();
        assertThat(request.path()).isEqualTo("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/stream");
        assertThat(request.query()).isEqualTo("output_format=mp3_44100_128");
        assertThat(request.header("xi-api-key")).isEqualTo("xi-test");
        assertThat(JSON.readTree(request.body()).get("model_id").asText()).isEqualTo("eleven_multilingual_v2");
    }

    @Test
    void shouldReportAnHttpErrorWithItsStatusAndBody() {
        server.answering(401, "application/json", List.of("{\"error\":\"invalid key\"}".getBytes(StandardCharsets.UTF_8)),
                Duration.ZERO);

        try (Speech speech = registry.open(new Request(Voice.defaults(), "Hallo.", Encoding.MP3))) {
            assertThatThrownBy(speech::read).isInstanceOfSatisfying(SpeechException.class, e -> {
                assertThat(e.code()).isEqualTo(SpeechException.Code.HTTP_ERROR);
                assertThat(e.getMessage()).contains("openai").contains("401").contains("API key").contains("invalid key");
            });
        }
    }

    @Test
    void shouldQuoteTheProvidersMessageFromAJsonErrorBodyAsTheLlmAdapterDoes() {
        server.answering(429, "application/json", List.of(
                "{\"error\":{\"message\":\"Quota exceeded\",\"type\":\"insufficient_quota\"}}".getBytes(StandardCharsets.UTF_8)),
                Duration.ZERO);

        try (Speech speech = registry.open(new Request(Voice.defaults(), "Hallo.", Encoding.MP3))) {
            assertThatThrownBy(speech::read).isInstanceOfSatisfying(SpeechException.class, e -> {
                assertThat(e.code()).isEqualTo(SpeechException.Code.HTTP_ERROR);
                assertThat(e).hasMessage("openai answered HTTP 429: Quota exceeded (insufficient_quota)");
            });
        }
    }

    @Test
    void shouldRefuseJsonInsteadOfAudio() {
        server.answering(200, "application/json", List.of("{\"detail\":\"no\"}".getBytes(StandardCharsets.UTF_8)), Duration.ZERO);

        try (Speech speech = registry.open(new Request(Voice.defaults(), "Hallo.", Encoding.MP3))) {
            assertThatThrownBy(speech::read).isInstanceOfSatisfying(SpeechException.class,
                    e -> assertThat(e.code()).isEqualTo(SpeechException.Code.MALFORMED_AUDIO));
        }
    }

    @Test
    void shouldReportAnUnreachableProvider() {
        ProviderRegistrySpeechSynthesizer unreachable = new ProviderRegistrySpeechSynthesizer(TtsConfig.localEngine()
                .withOpenAi(new TtsConfig.OpenAi(URI.create("http://127.0.0.1:1/v1"), Optional.empty(), "tts-1", "alloy")));

        try (Speech speech = unreachable.open(new Request(new Voice(Optional.of("openai"), Optional.empty()), "Hallo.",
                Encoding.MP3))) {
            assertThatThrownBy(speech::read).isInstanceOfSatisfying(SpeechException.class,
                    e -> assertThat(e.code()).isEqualTo(SpeechException.Code.CONNECT_FAILED));
        }
    }

    @Test
    void shouldAbortTheUpstreamWhenClosedWhileStreaming() throws Exception {
        server.answering(200, "audio/mpeg", mp3Pieces(200), Duration.ofMillis(20));
        Speech speech = registry.open(new Request(Voice.defaults(), "Ein langer Text.", Encoding.MP3));
        assertThat(speech.read()).isPresent();

        speech.close();

        assertThat(server.awaitAborted(Duration.ofSeconds(5))).isTrue();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                speech.read();
            }
        }).isInstanceOfSatisfying(SpeechException.class, e -> assertThat(e.code()).isEqualTo(SpeechException.Code.CANCELLED));
    }

    @Test
    void shouldNameAProviderThatIsNotConfiguredOrAVoiceModelWithoutProvider() {
        ProviderRegistrySpeechSynthesizer onlyLocal = new ProviderRegistrySpeechSynthesizer(TtsConfig.localEngine());
        ProviderRegistrySpeechSynthesizer none = new ProviderRegistrySpeechSynthesizer(
                TtsConfig.localEngine().withDefaultProvider(Optional.empty()));

        assertThat(onlyLocal.unavailability(new Voice(Optional.of("elevenlabs"), Optional.empty()), Encoding.MP3))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'elevenlabs'").contains("not configured"));
        assertThat(onlyLocal.unavailability(new Voice(Optional.of("openai:tts-1"), Optional.empty()), Encoding.MP3))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'openai'").contains("TTS_OPENAI"));
        assertThat(none.unavailability(Voice.defaults(), Encoding.MP3))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no text-to-speech provider"));
        assertThat(registry.unavailability(new Voice(Optional.of("elevenlabs"), Optional.of("bad id!")), Encoding.MP3))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'elevenlabs'"));
        assertThat(registry.providers()).contains("espeak", "openai", "elevenlabs");
        SpeechSynthesizer synthesizer = registry;
        assertThat(synthesizer.unavailability(new Voice(Optional.of("tts-1"), Optional.empty()), Encoding.MP3)).isEmpty();
    }
}
