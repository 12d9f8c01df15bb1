package io.llmstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.adapter.tts.TtsConfig;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spoken answers through the whole app: the default set-up speaks with the local engine; a missing provider is 503. */
class AudioEndToEndTest {

    @TempDir
    Path dataDir;

    private static String audioRequest(String threadId, String format) {
        return "{\"thread_id\":\"" + threadId + "\",\"message\":\"Was ist KI?\",\"format\":\"" + format + "\"}";
    }

    @Test
    void shouldSpeakTheAnswerAsMp3WithTheLocalEngineByDefault() throws Exception {
        boolean installed = TtsConfig.isInstalled("espeak-ng") && TtsConfig.isInstalled("lame");
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("CI=true but espeak-ng or lame is not installed; .ci/run installs them");
        }
        Assumptions.assumeTrue(installed, "espeak-ng or lame is not installed (apt-get install -y espeak-ng lame); skipping");
        try (AppFixture app = new AppFixture(dataDir, Map.of())) {
            app.upstream.answering(List.of("KI ist ", "ein Teilgebiet ", "der Informatik. ", "Sie ist ", "sehr alt."),
                    Duration.ofMillis(100));
            String thread = app.conversationWithKnowledge()[1];

            HttpResponse<InputStream> response = app.http.send(HttpRequest.newBuilder(app.uri(
                    "/api/v1/conversations/message/audio/stream")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(audioRequest(thread, "mp3"))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] mp3 = response.body().readAllBytes();

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
            assertThat(mp3.length).isGreaterThan(4_000);
            assertThat(mp3[0] & 0xFF).isEqualTo(0xFF); // MPEG frame sync, no tag in front
            assertThat(mp3[1] & 0xE0).isEqualTo(0xE0);
            JsonNode saved = app.json(app.get("/api/v1/conversations/" + thread));
            assertThat(saved.toString()).contains("KI ist ein Teilgebiet der Informatik. Sie ist sehr alt.");
        }
    }

    @Test
    void shouldAnswer503NamingTheProviderThatIsNotConfigured() throws Exception {
        try (AppFixture app = new AppFixture(dataDir, Map.of("tts.provider", "none"))) {
            app.post("/api/v1/characters", "{\"role\":\"sprecherin\",\"system_prompt\":\"Sprich.\",\"voice_model\":\"elevenlabs\"}");
            String eleven = app.json(app.post("/api/v1/conversations", "{\"role\":\"sprecherin\"}")).get("thread_id").asText();
            app.post("/api/v1/characters", "{\"role\":\"stumm\",\"system_prompt\":\"Sprich.\"}");
            String none = app.json(app.post("/api/v1/conversations", "{\"role\":\"stumm\"}")).get("thread_id").asText();

            HttpResponse<String> notConfigured = app.post("/api/v1/conversations/message/audio/stream", audioRequest(eleven, "mp3"));
            HttpResponse<String> noProvider = app.post("/api/v1/conversations/message/audio/stream", audioRequest(none, "wav"));

            assertThat(notConfigured.statusCode()).isEqualTo(503);
            assertThat(app.json(notConfigured).get("message").asText()).contains("'elevenlabs'").contains("TTS_ELEVENLABS_API_KEY");
            assertThat(noProvider.statusCode()).isEqualTo(503);
            assertThat(app.json(noProvider).get("message").asText()).contains("no text-to-speech provider").contains("TTS_PROVIDER");
            assertThat(app.upstream.requests()).isZero();
        }
    }
}
