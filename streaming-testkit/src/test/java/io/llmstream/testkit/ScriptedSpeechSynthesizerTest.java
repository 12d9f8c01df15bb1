package io.llmstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.core.port.SpeechSynthesizer.Encoding;
import io.llmstream.core.port.SpeechSynthesizer.Request;
import io.llmstream.core.port.SpeechSynthesizer.Speech;
import io.llmstream.core.port.SpeechSynthesizer.Voice;
import io.llmstream.testkit.contract.SpeechSynthesizerContract;
import org.junit.jupiter.api.Test;

class ScriptedSpeechSynthesizerTest extends SpeechSynthesizerContract {

    @Override
    protected SpeechSynthesizer synthesizerSpeaking() {
        return ScriptedSpeechSynthesizer.thatSpeaks();
    }

    @Override
    protected SpeechSynthesizer synthesizerFailingAfterFirstBytes() {
        return ScriptedSpeechSynthesizer.thatSpeaks().failingOn("");
    }

    @Override
    protected SpeechSynthesizer synthesizerThatStalls() {
        return ScriptedSpeechSynthesizer.thatSpeaks().stallingOn("");
    }

    @Test
    void shouldSpeakTwoHundredBytesOfPcmPerCharacterAndRecordTheTexts() {
        ScriptedSpeechSynthesizer synthesizer = ScriptedSpeechSynthesizer.thatSpeaks();

        int bytes = 0;
        try (Speech speech = synthesizer.open(new Request(Voice.defaults(), "Hallo.", Encoding.PCM_S16LE))) {
            for (var piece = speech.read(); piece.isPresent(); piece = speech.read()) {
                bytes += piece.get().length;
            }
        }

        assertThat(bytes).isEqualTo(6 * 200);
        assertThat(synthesizer.texts()).containsExactly("Hallo.");
        assertThat(synthesizer.closedEarly()).isZero();
    }

    @Test
    void shouldCountSpeechesClosedBeforeTheirEndAndTheMostRunningAtOnce() {
        ScriptedSpeechSynthesizer synthesizer = ScriptedSpeechSynthesizer.thatSpeaks();

        Speech first = synthesizer.open(new Request(Voice.defaults(), "Eins.", Encoding.MP3));
        Speech second = synthesizer.open(new Request(Voice.defaults(), "Zwei.", Encoding.MP3));
        first.close();
        second.close();

        assertThat(synthesizer.maxRunning()).isEqualTo(2);
        assertThat(synthesizer.closedEarly()).isEqualTo(2);
    }

    @Test
    void shouldReportTheGivenReasonWhenUnavailable() {
        ScriptedSpeechSynthesizer synthesizer = ScriptedSpeechSynthesizer.thatIsUnavailable("provider 'x' is not configured");

        assertThat(synthesizer.unavailability(Voice.defaults(), Encoding.MP3)).contains("provider 'x' is not configured");
    }
}
