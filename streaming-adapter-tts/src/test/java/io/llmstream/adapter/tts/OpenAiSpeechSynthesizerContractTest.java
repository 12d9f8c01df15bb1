package io.llmstream.adapter.tts;

import io.llmstream.core.port.SpeechSynthesizer;
import java.util.Optional;

class OpenAiSpeechSynthesizerContractTest extends HttpSpeechSynthesizerContract {

    @Override
    SpeechSynthesizer synthesizer(FakeTtsServer server, TtsConfig config) {
        return new OpenAiSpeechSynthesizer(new TtsConfig.OpenAi(server.uri("/v1"), Optional.of("sk-test"), "tts-1", "alloy"),
                HttpSpeech.client(config), config.timeout());
    }
}
