package io.llmstream.adapter.tts;

import io.llmstream.core.port.SpeechException;
import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.upstream.ProviderRegistry;
import java.net.http.HttpClient;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link SpeechSynthesizer} the app wires: routes each voice to its provider. A voice's model is
 * {@code <provider>} ({@code espeak}), {@code <provider>:<model>} ({@code openai:gpt-4o-mini-tts},
 * {@code elevenlabs:eleven_flash_v2_5}) or a bare model of the default provider ({@code tts-1}); no model
 * means the default provider with its default model. The voice id is passed to the provider as is.
 */
public final class ProviderRegistrySpeechSynthesizer implements SpeechSynthesizer {

    private final TtsConfig config;
    private final ProviderRegistry<SpeechSynthesizer> configured;

    public ProviderRegistrySpeechSynthesizer(TtsConfig config) {
        this.config = config;
        ProviderRegistry.Builder<SpeechSynthesizer> providers = ProviderRegistry.<SpeechSynthesizer>builder(
                "text-to-speech provider").add(TtsConfig.ESPEAK, new EspeakSpeechSynthesizer(config.espeak()));
        if (config.openAi().isPresent() || config.elevenLabs().isPresent()) {
            HttpClient client = HttpSpeech.client(config);
            config.openAi().ifPresent(c -> providers.add(TtsConfig.OPENAI, new OpenAiSpeechSynthesizer(c, client,
                    config.timeout())));
            config.elevenLabs().ifPresent(c -> providers.add(TtsConfig.ELEVENLABS, new ElevenLabsSpeechSynthesizer(c,
                    client, config.timeout())));
        }
        this.configured = providers.build();
    }

    @Override
    public Set<String> providers() {
        return Set.of(TtsConfig.ESPEAK, TtsConfig.OPENAI, TtsConfig.ELEVENLABS);
    }

    /** The providers that are configured (espeak always is; whether it is installed is another question). */
    public Set<String> configuredProviders() {
        return configured.names();
    }

    @Override
    public Optional<String> unavailability(Voice voice, Encoding encoding) {
        Route route = route(voice);
        if (route.provider().isEmpty()) {
            return Optional.of("no text-to-speech provider is configured (set TTS_PROVIDER to espeak, openai or elevenlabs), "
                    + "and the character's voice_model names none");
        }
        String provider = route.provider().get();
        Optional<SpeechSynthesizer> synthesizer = configured.find(provider);
        if (synthesizer.isEmpty()) {
            return Optional.of("text-to-speech provider '" + provider + "' is not configured"
                    + (provider.equals(TtsConfig.OPENAI) ? " (set TTS_OPENAI_BASE_URL or TTS_OPENAI_API_KEY)"
                            : " (set TTS_ELEVENLABS_API_KEY)"));
        }
        return synthesizer.get().unavailability(route.voice(), encoding);
    }

    @Override
    public Speech open(Request request) {
        Route route = route(request.voice());
        SpeechSynthesizer synthesizer = route.provider().flatMap(configured::find).orElseThrow(() -> new SpeechException(
                SpeechException.Code.UNAVAILABLE, "text-to-speech provider '" + route.provider().orElse("(none)")
                        + "' is not configured"));
        return synthesizer.open(new Request(route.voice(), request.text(), request.encoding()));
    }

    private Route route(Voice voice) {
        if (voice.model().isEmpty()) {
            return new Route(config.defaultProvider(), voice);
        }
        String model = voice.model().get().strip();
        int colon = model.indexOf(':');
        String head = colon < 0 ? model : model.substring(0, colon);
        if (providers().contains(head)) {
            Optional<String> rest = colon < 0 ? Optional.empty() : Optional.of(model.substring(colon + 1));
            return new Route(Optional.of(head), new Voice(rest, voice.voiceId()));
        }
        return new Route(config.defaultProvider(), voice);
    }

    private record Route(Optional<String> provider, Voice voice) {
    }
}
