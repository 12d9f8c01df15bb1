package io.llmstream.adapter.tts;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The text-to-speech providers and their settings. A provider whose section is empty is known but not
 * configured: asking for it is answered with a clear "not configured" reason before a stream opens.
 *
 * @param defaultProvider the provider of voices that do not name one; empty = none (voices must name one)
 * @param espeak          the local engine (always present; whether its binaries exist is checked per request)
 * @param openAi          an OpenAI-compatible {@code /v1/audio/speech} endpoint, when configured
 * @param elevenLabs      the ElevenLabs streaming API, when configured
 * @param connectTimeout  connect timeout of the HTTP providers
 * @param timeout         longest wait for an HTTP provider's response headers
 */
public record TtsConfig(Optional<String> defaultProvider, Espeak espeak, Optional<OpenAi> openAi,
        Optional<ElevenLabs> elevenLabs, Duration connectTimeout, Duration timeout) {

    public static final String ESPEAK = "espeak";
    public static final String OPENAI = "openai";
    public static final String ELEVENLABS = "elevenlabs";

    public TtsConfig {
        defaultProvider = defaultProvider == null ? Optional.empty() : defaultProvider.filter(p -> !p.isBlank());
        defaultProvider.ifPresent(p -> {
            if (!p.equals(ESPEAK) && !p.equals(OPENAI) && !p.equals(ELEVENLABS)) {
                throw new IllegalArgumentException("the default text-to-speech provider must be espeak, openai or elevenlabs, was '" + p + "'");
            }
        });
        Objects.requireNonNull(espeak, "espeak is required");
        openAi = openAi == null ? Optional.empty() : openAi;
        elevenLabs = elevenLabs == null ? Optional.empty() : elevenLabs;
        positive(connectTimeout, "connectTimeout");
        positive(timeout, "timeout");
    }

    /** Only the local engine, as the default, with its default settings. */
    public static TtsConfig localEngine() {
        return new TtsConfig(Optional.of(ESPEAK), Espeak.defaults(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public TtsConfig withDefaultProvider(Optional<String> provider) {
        return new TtsConfig(provider, espeak, openAi, elevenLabs, connectTimeout, timeout);
    }

    public TtsConfig withEspeak(Espeak value) {
        return new TtsConfig(defaultProvider, value, openAi, elevenLabs, connectTimeout, timeout);
    }

    public TtsConfig withOpenAi(OpenAi value) {
        return new TtsConfig(defaultProvider, espeak, Optional.of(value), elevenLabs, connectTimeout, timeout);
    }

    public TtsConfig withElevenLabs(ElevenLabs value) {
        return new TtsConfig(defaultProvider, espeak, openAi, Optional.of(value), connectTimeout, timeout);
    }

    public TtsConfig withTimeouts(Duration connect, Duration response) {
        return new TtsConfig(defaultProvider, espeak, openAi, elevenLabs, connect, response);
    }

    /** Whether an executable of this name is on the {@code PATH} (or is this path). */
    public static boolean isInstalled(String binary) {
        if (binary.contains("/")) {
            return Files.isExecutable(Path.of(binary));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The local engine.
     *
     * @param binary       the espeak-ng executable
     * @param lameBinary   the lame executable that encodes MP3 (WAV needs only espeak-ng)
     * @param voice        voice of characters without a {@code voice_id}, e.g. {@code de}, {@code en-us}, {@code de+f3}
     * @param mp3Bitrate   kbit/s of the MP3 (lame {@code -b})
     * @param wordsPerMinute speaking rate (espeak-ng {@code -s})
     */
    public record Espeak(String binary, String lameBinary, String voice, int mp3Bitrate, int wordsPerMinute) {
        public Espeak {
            notBlank(binary, "binary");
            notBlank(lameBinary, "lameBinary");
            notBlank(voice, "voice");
            if (mp3Bitrate < 8 || mp3Bitrate > 320) {
                throw new IllegalArgumentException("mp3Bitrate must be within 8..320, was " + mp3Bitrate);
            }
            if (wordsPerMinute < 80 || wordsPerMinute > 450) {
                throw new IllegalArgumentException("wordsPerMinute must be within 80..450, was " + wordsPerMinute);
            }
        }

        /** {@code espeak-ng} and {@code lame} from the PATH, voice {@code de}, 64 kbit/s, 175 words per minute. */
        public static Espeak defaults() {
            return new Espeak("espeak-ng", "lame", "de", 64, 175);
        }
    }

    /** An OpenAI-compatible speech endpoint: {@code baseUrl} ends before {@code /audio/speech}, e.g. {@code https://api.openai.com/v1}. */
    public record OpenAi(URI baseUrl, Optional<String> apiKey, String model, String voice) {
        public OpenAi {
            Objects.requireNonNull(baseUrl, "baseUrl is required");
            apiKey = apiKey == null ? Optional.empty() : apiKey.filter(k -> !k.isBlank());
            notBlank(model, "model");
            notBlank(voice, "voice");
        }

        @Override
        public String toString() {
            return "OpenAi[baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isPresent() ? "***" : "none") + ", model=" + model
                    + ", voice=" + voice + "]";
        }
    }

    /** The ElevenLabs API: {@code baseUrl} e.g. {@code https://api.elevenlabs.io}. */
    public record ElevenLabs(URI baseUrl, String apiKey, String model, String voiceId) {
        public ElevenLabs {
            Objects.requireNonNull(baseUrl, "baseUrl is required");
            notBlank(apiKey, "apiKey");
            notBlank(model, "model");
            notBlank(voiceId, "voiceId");
        }

        @Override
        public String toString() {
            return "ElevenLabs[baseUrl=" + baseUrl + ", apiKey=***, model=" + model + ", voiceId=" + voiceId + "]";
        }
    }

    private static void notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static void positive(Duration value, String field) {
        Objects.requireNonNull(value, field + " is required");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
