package io.llmstream.adapter.tts;

import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.testkit.contract.SpeechSynthesizerContract;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The port's contract for an HTTP provider's client, against a {@link FakeTtsServer} over real sockets. */
abstract class HttpSpeechSynthesizerContract extends SpeechSynthesizerContract {

    private FakeTtsServer server;

    /** The client under test, configured for the fake server. */
    abstract SpeechSynthesizer synthesizer(FakeTtsServer server, TtsConfig config);

    @BeforeEach
    void start() throws Exception {
        server = new FakeTtsServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SpeechSynthesizer synthesizer() {
        TtsConfig config = TtsConfig.localEngine().withDefaultProvider(Optional.of(TtsConfig.OPENAI))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
        return synthesizer(server, config);
    }

    @Override
    protected SpeechSynthesizer synthesizerSpeaking() {
        server.answering(200, "audio/mpeg", HttpSpeechSynthesizersTest.mp3Pieces(5), Duration.ofMillis(5));
        return synthesizer();
    }

    @Override
    protected SpeechSynthesizer synthesizerFailingAfterFirstBytes() {
        server.breakingOffAfter("audio/mpeg", HttpSpeechSynthesizersTest.mp3Pieces(2));
        return synthesizer();
    }

    @Override
    protected SpeechSynthesizer synthesizerThatStalls() {
        server.answering(200, "audio/mpeg", HttpSpeechSynthesizersTest.mp3Pieces(2), Duration.ofSeconds(30));
        return synthesizer();
    }
}
