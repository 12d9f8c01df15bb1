package io.llmstream.adapter.tts;

import io.llmstream.core.port.SpeechSynthesizer;
import java.util.Optional;

/** The synthesizer the app wires, routing the default voice to the OpenAI-compatible client. */
class ProviderRegistrySpeechSynthesizerContractTest extends HttpSpeechSynthesizerContract {

    @Override
    SpeechSynthesizer synthesizer(FakeTtsServer server, TtsConfig config) {
        return new ProviderRegistrySpeechSynthesizer(config.withOpenAi(
                new TtsConfig.OpenAi(server.uri("/v1"), Optional.of("sk-test"), "tts-1", "alloy")));
    }
}
