package io.llmstream.adapter.tts;

import io.llmstream.core.port.SpeechSynthesizer;

class ElevenLabsSpeechSynthesizerContractTest extends HttpSpeechSynthesizerContract {

    @Override
    SpeechSynthesizer synthesizer(FakeTtsServer server, TtsConfig config) {
        return new ElevenLabsSpeechSynthesizer(new TtsConfig.ElevenLabs(server.uri("/"), "xi-test", "eleven_multilingual_v2",
                "voice123"), HttpSpeech.client(config), config.timeout());
    }
}
