package io.llmstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.AudioChunk;
import io.llmstream.core.model.AudioFormat;
import org.junit.jupiter.api.Test;

class RecordingAudioSinkTest {

    @Test
    void shouldRecordChunksInOrderAndConcatenateTheirBytes() {
        RecordingAudioSink audio = RecordingAudioSink.stayingToTheEnd(RecordingEventSink.stayingToTheEnd());

        assertThat(audio.audio(new AudioChunk(1, AudioFormat.MP3, new byte[] {1, 2}))).isTrue();
        assertThat(audio.audio(new AudioChunk(2, AudioFormat.MP3, new byte[] {3}))).isTrue();

        assertThat(audio.received()).extracting(r -> r.chunk().seq()).containsExactly(1L, 2L);
        assertThat(audio.bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldLeaveTheTextSinkTooWhenItsClientLeaves() {
        RecordingEventSink text = RecordingEventSink.stayingToTheEnd();
        RecordingAudioSink audio = RecordingAudioSink.leavingAfter(text, 1);

        assertThat(audio.audio(new AudioChunk(1, AudioFormat.WAV, new byte[] {1}))).isTrue();
        assertThat(audio.audio(new AudioChunk(2, AudioFormat.WAV, new byte[] {2}))).isFalse();

        assertThat(text.isOpen()).isFalse();
        assertThat(audio.received()).hasSize(1);
    }

    @Test
    void shouldRefuseAudioOnceTheTextSinksClientHasLeftAndRecordFailures() {
        RecordingEventSink text = RecordingEventSink.stayingToTheEnd();
        RecordingAudioSink audio = RecordingAudioSink.stayingToTheEnd(text);
        text.leave();

        assertThat(audio.audio(new AudioChunk(1, AudioFormat.MP3, new byte[] {1}))).isFalse();
        audio.audioFailed("tts_timeout", "too slow");

        assertThat(audio.received()).isEmpty();
        assertThat(audio.failures()).containsExactly("tts_timeout: too slow");
    }
}
