package io.llmstream.adapter.tts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.upstream.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenAI-compatible {@code POST {baseUrl}/audio/speech}: {@code mp3}, or {@code pcm} (24 kHz 16-bit
 * mono, no header) for WAV. Works with OpenAI and with local servers that copy its API.
 */
final class OpenAiSpeechSynthesizer implements SpeechSynthesizer {

    static final int PCM_SAMPLE_RATE = 24_000;

    private final TtsConfig.OpenAi config;
    private final HttpClient client;
    private final Duration timeout;
    private final URI endpoint;

    OpenAiSpeechSynthesizer(TtsConfig.OpenAi config, HttpClient client, Duration timeout) {
        this.config = config;
        this.client = client;
        this.timeout = timeout;
        String base = config.baseUrl().toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/audio/speech");
    }

    @Override
    public Set<String> providers() {
        return Set.of(TtsConfig.OPENAI);
    }

    @Override
    public Optional<String> unavailability(Voice voice, Encoding encoding) {
        return Optional.empty();
    }

    @Override
    public Speech open(Request request) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.voice().model().orElse(config.model()));
        body.put("input", request.text());
        body.put("voice", request.voice().voiceId().orElse(config.voice()));
        body.put("response_format", request.encoding() == Encoding.MP3 ? "mp3" : "pcm");
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", request.encoding() == Encoding.MP3 ? "audio/mpeg" : "audio/pcm, application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)));
        config.apiKey().ifPresent(key -> http.header("Authorization", "Bearer " + key));
        return HttpSpeech.send(client, http.build(), TtsConfig.OPENAI, PCM_SAMPLE_RATE);
    }
}
