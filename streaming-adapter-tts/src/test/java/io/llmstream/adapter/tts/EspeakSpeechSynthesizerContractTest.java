package io.llmstream.adapter.tts;

import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.testkit.contract.SpeechSynthesizerContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port's contract for the local engine: the real espeak-ng and lame speak (skipped when they are
 * missing, mandatory when CI=true); failing and stalling are played by shell scripts standing in for
 * espeak-ng, with a script passing the bytes through in place of lame.
 */
class EspeakSpeechSynthesizerContractTest extends SpeechSynthesizerContract {

    @TempDir
    static Path engines;

    @BeforeAll
    static void requireTheEngine() {
        EspeakSpeechSynthesizerTest.requireInstalled();
    }

    @Override
    protected SpeechSynthesizer synthesizerSpeaking() {
        return new EspeakSpeechSynthesizer(TtsConfig.Espeak.defaults());
    }

    @Override
    protected SpeechSynthesizer synthesizerFailingAfterFirstBytes() {
        return fakeEngine("failing", "printf 'first bytes of audio'\nexit 3\n");
    }

    @Override
    protected SpeechSynthesizer synthesizerThatStalls() {
        return fakeEngine("stalling", "printf 'first bytes of audio'\nexec sleep 30\n");
    }

    private static SpeechSynthesizer fakeEngine(String name, String body) {
        return new EspeakSpeechSynthesizer(new TtsConfig.Espeak(script(name, body).toString(),
                script("passing-through", "exec cat\n").toString(), "de", 64, 175));
    }

    private static Path script(String name, String body) {
        try {
            Path script = engines.resolve(name + ".sh");
            Files.writeString(script, "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        } catch (IOException e) {
            throw new IllegalStateException("could not write the fake engine " + name, e);
        }
    }
}
