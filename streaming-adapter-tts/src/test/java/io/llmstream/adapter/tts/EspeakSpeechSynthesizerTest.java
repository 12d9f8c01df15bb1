package io.llmstream.adapter.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.llmstream.core.port.SpeechException;
import io.llmstream.core.port.SpeechSynthesizer.Encoding;
import io.llmstream.core.port.SpeechSynthesizer.Request;
import io.llmstream.core.port.SpeechSynthesizer.Speech;
import io.llmstream.core.port.SpeechSynthesizer.Voice;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local engine, for real: skipped when espeak-ng or lame is missing, mandatory when CI=true. */
class EspeakSpeechSynthesizerTest {

    private final EspeakSpeechSynthesizer espeak = new EspeakSpeechSynthesizer(TtsConfig.Espeak.defaults());

    @BeforeAll
    static void requireTheEngine() {
        requireInstalled();
    }

    static void requireInstalled() {
        boolean installed = TtsConfig.isInstalled("espeak-ng") && TtsConfig.isInstalled("lame");
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("CI=true but espeak-ng or lame is not installed; .ci/run installs them (apt-get install -y espeak-ng lame)");
        }
        Assumptions.assumeTrue(installed, "espeak-ng or lame is not installed (apt-get install -y espeak-ng lame); "
                + "skipping the local engine's tests");
    }

    static byte[] speak(EspeakSpeechSynthesizer engine, String text, Encoding encoding, Optional<String> voice) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Speech speech = engine.open(new Request(new Voice(Optional.empty(), voice), text, encoding))) {
            Optional<byte[]> chunk;
            while ((chunk = speech.read()).isPresent()) {
                out.writeBytes(chunk.get());
            }
            if (encoding == Encoding.PCM_S16LE) {
                assertThat(speech.sampleRate()).isEqualTo(22_050);
            }
        }
        return out.toByteArray();
    }

    @Test
    void shouldProduceMp3FramesWhoseDurationGrowsWithTheText() {
        byte[] short_ = speak(espeak, "Hallo.", Encoding.MP3, Optional.empty());
        byte[] long_ = speak(espeak, "Hallo. Künstliche Intelligenz bezeichnet Systeme, die Aufgaben lösen.", Encoding.MP3,
                Optional.empty());

        double shortSeconds = AudioChecks.mp3Seconds(short_);
        double longSeconds = AudioChecks.mp3Seconds(long_);
        assertThat(shortSeconds).isGreaterThan(0.2);
        assertThat(longSeconds).isGreaterThan(shortSeconds * 2);
    }

    @Test
    void shouldProduceRawPcmWithoutTheWavHeader() {
        byte[] pcm = speak(espeak, "Hello world.", Encoding.PCM_S16LE, Optional.of("en-us"));

        assertThat(pcm.length % 2).isZero();
        assertThat(new String(pcm, 0, 4)).isNotEqualTo("RIFF");
        assertThat(pcm.length / 2.0 / 22_050).isBetween(0.3, 5.0);
    }

    @Test
    void shouldNameTheProviderWhenTheVoiceIsUnknown() {
        assertThat(espeak.unavailability(new Voice(Optional.empty(), Optional.of("vulcan")), Encoding.MP3))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'espeak'").contains("vulcan"));
        assertThat(espeak.unavailability(new Voice(Optional.empty(), Optional.of("de+f3")), Encoding.MP3)).isEmpty();
    }

    @Test
    void shouldNameTheMissingBinaryWhenTheEngineIsNotInstalled() {
        EspeakSpeechSynthesizer missing = new EspeakSpeechSynthesizer(new TtsConfig.Espeak("/nonexistent/espeak-ng", "lame", "de", 64, 175));
        EspeakSpeechSynthesizer noLame = new EspeakSpeechSynthesizer(new TtsConfig.Espeak("espeak-ng", "/nonexistent/lame", "de", 64, 175));

        assertThat(missing.unavailability(Voice.defaults(), Encoding.PCM_S16LE))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'espeak'").contains("not installed"));
        assertThat(noLame.unavailability(Voice.defaults(), Encoding.MP3))
                .hasValueSatisfying(reason -> assertThat(reason).contains("lame").contains("wav"));
        assertThat(noLame.unavailability(Voice.defaults(), Encoding.PCM_S16LE)).isEmpty();
    }

    @Test
    void shouldStopTheEngineWhenClosedWhileSpeaking() {
        Speech speech = espeak.open(new Request(Voice.defaults(), "Ein sehr langer Satz. ".repeat(200), Encoding.MP3));
        assertThat(speech.read()).isPresent();

        speech.close();

        assertThatThrownBy(() -> {
            for (int i = 0; i < 10_000 && speech.read().isPresent(); i++) {
                // drains what was buffered before the kill
            }
            throw new SpeechException(SpeechException.Code.CANCELLED, "drained");
        }).isInstanceOf(SpeechException.class).extracting(e -> ((SpeechException) e).code())
                .isEqualTo(SpeechException.Code.CANCELLED);
    }
}
