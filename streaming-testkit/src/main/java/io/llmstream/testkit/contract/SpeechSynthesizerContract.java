package io.llmstream.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.port.SpeechException;
import io.llmstream.core.port.SpeechSynthesizer;
import io.llmstream.core.port.SpeechSynthesizer.Encoding;
import io.llmstream.core.port.SpeechSynthesizer.Request;
import io.llmstream.core.port.SpeechSynthesizer.Speech;
import io.llmstream.core.port.SpeechSynthesizer.Voice;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SpeechSynthesizer} must do, rule by rule from the port's Javadoc. Extend it in the
 * adapter's tests with synthesizers backed by the real engine or wire format (a local server writing
 * the provider's bytes).
 *
 * <p>{@link #synthesizerSpeaking()} is required. {@link #synthesizerFailingAfterFirstBytes()} and
 * {@link #synthesizerThatStalls()} are optional: an adapter that cannot be made to fail or stall in a test
 * leaves them alone, and the tests needing them are skipped (reported as aborted, not passed). Override
 * {@link #voice()} and {@link #encoding()} when the defaults do not fit the adapter.
 */
public abstract class SpeechSynthesizerContract {

    private static final String TEXT = "Künstliche Intelligenz spricht.";

    /** A synthesizer that can speak {@link #voice()} in {@link #encoding()} and speaks any text to its end. */
    protected abstract SpeechSynthesizer synthesizerSpeaking();

    /**
     * Optional: a synthesizer whose speeches yield some audio, then fail as the engine or upstream breaks
     * down. The default skips the test that needs it.
     */
    protected SpeechSynthesizer synthesizerFailingAfterFirstBytes() {
        return Assumptions.abort("this adapter cannot be made to fail after its first bytes in a test");
    }

    /**
     * Optional: a synthesizer whose speeches yield some audio in their first {@code read()}, then nothing
     * more, keeping the engine or connection open. The default skips the test that needs it.
     */
    protected SpeechSynthesizer synthesizerThatStalls() {
        return Assumptions.abort("this adapter cannot be made to stall in a test");
    }

    /** The voice the tests speak with; the configured defaults unless overridden. */
    protected Voice voice() {
        return Voice.defaults();
    }

    /** The encoding the tests ask for; MP3 unless overridden. */
    protected Encoding encoding() {
        return Encoding.MP3;
    }

    protected Request request(String text) {
        return new Request(voice(), text, encoding());
    }

    @Test
    void shouldNameItsProvidersAndFindAWorkingVoiceAvailable() {
        SpeechSynthesizer synthesizer = synthesizerSpeaking();

        assertThat(synthesizer.providers()).isNotEmpty().allSatisfy(provider -> assertThat(provider).isNotBlank());
        assertThat(synthesizer.unavailability(voice(), encoding())).isEmpty();
    }

    @Test
    void shouldYieldNonEmptyPiecesOfAudioThenEmptyWhenComplete() {
        SpeechSynthesizer synthesizer = synthesizerSpeaking();
        ByteArrayOutputStream audio = new ByteArrayOutputStream();

        try (Speech speech = synthesizer.open(request(TEXT))) {
            Optional<byte[]> piece;
            for (int reads = 0; (piece = speech.read()).isPresent(); reads++) {
                assertThat(piece.get()).as("a piece of audio is never empty").isNotEmpty();
                assertThat(reads).as("reads before the end").isLessThan(100_000);
                audio.writeBytes(piece.get());
            }
            assertThat(synthesizer.providers()).contains(speech.provider());
            assertThat(speech.sampleRate()).isPositive();
        }

        assertThat(audio.size()).isPositive();
    }

    @Test
    void shouldSpeakSeveralSpeechesAtOnceEachReadByItsOwnThread() throws Exception {
        SpeechSynthesizer synthesizer = synthesizerSpeaking();
        List<String> texts = List.of("Der erste Satz.", "Der zweite Satz.", "Der dritte Satz.");

        List<Speech> speeches = texts.stream().map(text -> synthesizer.open(request(text))).toList();
        try {
            List<CompletableFuture<Integer>> readers = speeches.stream()
                    .map(speech -> CompletableFuture.supplyAsync(() -> readAll(speech).length)).toList();

            for (CompletableFuture<Integer> reader : readers) {
                assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            speeches.forEach(Speech::close);
        }
    }

    @Test
    void shouldFailWithASpeechExceptionOtherThanCancelledWhenTheEngineBreaksAfterTheFirstBytes() {
        SpeechSynthesizer synthesizer = synthesizerFailingAfterFirstBytes();

        try (Speech speech = synthesizer.open(request(TEXT))) {
            assertThat(speech.read()).hasValueSatisfying(piece -> assertThat(piece).isNotEmpty());
            assertThatThrownBy(() -> readAll(speech)).isInstanceOfSatisfying(SpeechException.class,
                    e -> assertThat(e.code()).isNotEqualTo(SpeechException.Code.CANCELLED));
        }
    }

    @Test
    void shouldEndABlockedReadWhenClosedFromAnotherThread() throws Exception {
        SpeechSynthesizer synthesizer = synthesizerThatStalls();
        Speech speech = synthesizer.open(request(TEXT));
        assertThat(speech.read()).isPresent();
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                speech.read();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(100); // let the reader block

        speech.close();

        Throwable thrown = reader.get(5, TimeUnit.SECONDS);
        if (thrown != null) { // the Javadoc allows the read to return instead
            assertThat(thrown).isInstanceOfSatisfying(SpeechException.class,
                    e -> assertThat(e.code()).isEqualTo(SpeechException.Code.CANCELLED));
        }
    }

    @Test
    void shouldThrowCancelledWhenReadAfterBeingClosedTwiceMidSpeech() {
        SpeechSynthesizer synthesizer = synthesizerSpeaking();
        Speech speech = synthesizer.open(request(TEXT));
        assertThat(speech.read()).isPresent();

        assertThatCode(() -> {
            speech.close();
            speech.close();
        }).doesNotThrowAnyException();

        assertThatThrownBy(speech::read).isInstanceOfSatisfying(SpeechException.class,
                e -> assertThat(e.code()).isEqualTo(SpeechException.Code.CANCELLED));
    }

    @Test
    void shouldThrowCancelledWhenReadAfterBeingClosedBeforeAnyRead() {
        SpeechSynthesizer synthesizer = synthesizerSpeaking();
        Speech speech = synthesizer.open(request(TEXT));

        speech.close();

        assertThatThrownBy(speech::read).isInstanceOfSatisfying(SpeechException.class,
                e -> assertThat(e.code()).isEqualTo(SpeechException.Code.CANCELLED));
    }

    @Test
    void shouldCloseWithoutThrowingAfterTheAudioIsComplete() {
        SpeechSynthesizer synthesizer = synthesizerSpeaking();
        Speech speech = synthesizer.open(request(TEXT));
        readAll(speech);

        assertThatCode(() -> {
            speech.close();
            speech.close();
        }).doesNotThrowAnyException();
    }

    @Test
    void shouldNeverBeAskedToSpeakBlankText() {
        assertThatThrownBy(() -> request(" \n\t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text");
        assertThatThrownBy(() -> request(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("text");
    }

    private static byte[] readAll(Speech speech) {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        Optional<byte[]> piece;
        for (int reads = 0; (piece = speech.read()).isPresent() && reads < 100_000; reads++) {
            audio.writeBytes(piece.get());
        }
        return audio.toByteArray();
    }
}
