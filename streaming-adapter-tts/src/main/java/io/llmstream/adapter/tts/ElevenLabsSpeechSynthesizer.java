package io.llmstream.adapter.tts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmstream.core.port.SpeechException;
import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.upstream.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ElevenLabs streaming API, {@code POST {baseUrl}/v1/text-to-speech/{voice_id}/stream}: audio is
 * sent while it is generated, {@code mp3_44100_128} or {@code pcm_24000} (raw, for WAV).
 */
final class ElevenLabsSpeechSynthesizer implements SpeechSynthesizer {

    static final int PCM_SAMPLE_RATE = 24_000;
    private static final Pattern VOICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final TtsConfig.ElevenLabs config;
    private final HttpClient client;
    private final Duration timeout;
    private final String base;

    ElevenLabsSpeechSynthesizer(TtsConfig.ElevenLabs config, HttpClient client, Duration timeout) {
        this.config = config;
        this.client = client;
        this.timeout = timeout;
        String url = config.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public Set<String> providers() {
        return Set.of(TtsConfig.ELEVENLABS);
    }

    @Override
    public Optional<String> unavailability(Voice voice, Encoding encoding) {
        String id = voice.voiceId().orElse(config.voiceId());
        if (!VOICE_ID.matcher(id).matches()) {
            return Optional.of("text-to-speech provider 'elevenlabs' cannot use the voice id '" + id
                    + "': ElevenLabs voice ids are letters and digits");
        }
        return Optional.empty();
    }

    @Override
    public Speech open(Request request) {
        String id = request.voice().voiceId().orElse(config.voiceId());
        if (!VOICE_ID.matcher(id).matches()) {
            throw new SpeechException(SpeechException.Code.UNAVAILABLE,
                    "elevenlabs cannot use the voice id '" + id + "'");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("text", request.text());
        body.put("model_id", request.voice().model().orElse(config.model()));
        String format = request.encoding() == Encoding.MP3 ? "mp3_44100_128" : "pcm_" + PCM_SAMPLE_RATE;
        HttpRequest http = HttpRequest.newBuilder(URI.create(base + "/v1/text-to-speech/" + id + "/stream?output_format=" + format))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", request.encoding() == Encoding.MP3 ? "audio/mpeg" : "application/octet-stream")
                .header("xi-api-key", config.apiKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
        return HttpSpeech.send(client, http, TtsConfig.ELEVENLABS, PCM_SAMPLE_RATE);
    }
}
