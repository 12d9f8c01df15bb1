package io.llmstream.core.port;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns text into speech, one piece of text (a sentence) at a time, pull style like {@link LlmStream}.
 *
 * <p>{@link #open} starts synthesising and returns a {@link Speech}; the caller pulls the audio with
 * {@link Speech#read()} on its own thread until it is empty, and always closes the speech. Closing it
 * from any thread cancels the synthesis (kills the engine's process, aborts the HTTP request) and makes
 * a blocked {@code read()} return or throw {@link SpeechException} of code
 * {@link SpeechException.Code#CANCELLED}. The core opens several speeches at once (the look-ahead), each
 * read by its own thread.
 *
 * <p>Before a stream starts, the core asks {@link #unavailability} so that a provider that cannot speak
 * (engine not installed, no API key) is refused before anything is sent to the client.
 *
 * <p>Implementations are thread-safe.
 */
public interface SpeechSynthesizer {

    /** The provider names a {@link Voice#model()} may start with (e.g. {@code espeak}, {@code openai}). */
    Set<String> providers();

    /**
     * Why this voice cannot be spoken in this encoding right now, naming the provider; empty when it can.
     * Cheap: no network call; checks configuration and installed engines only.
     */
    Optional<String> unavailability(Voice voice, Encoding encoding);

    /**
     * Starts synthesising {@code request.text()}. Errors before the first byte may surface here or in the
     * first {@code read()}; either way as a {@link SpeechException}.
     */
    Speech open(Request request);

    /** What the synthesizer produces; the core builds the {@code mp3} or {@code wav} stream from it. */
    enum Encoding {
        /** MPEG audio frames, concatenable: no ID3 tag, no VBR info frame. */
        MP3,
        /** Raw signed 16-bit little-endian mono samples at {@link Speech#sampleRate()}, no header. */
        PCM_S16LE
    }

    /**
     * The voice of a character: {@code model} is {@code <provider>}, {@code <provider>:<model>} or a model
     * of the configured default provider; {@code voiceId} names the provider's voice. Both empty means the
     * configured defaults.
     */
    record Voice(Optional<String> model, Optional<String> voiceId) {
        public Voice {
            model = model == null ? Optional.empty() : model.filter(v -> !v.isBlank());
            voiceId = voiceId == null ? Optional.empty() : voiceId.filter(v -> !v.isBlank());
        }

        public static Voice defaults() {
            return new Voice(Optional.empty(), Optional.empty());
        }
    }

    /** One piece of text to speak, never blank. */
    record Request(Voice voice, String text, Encoding encoding) {
        public Request {
            Objects.requireNonNull(voice, "voice is required");
            Objects.requireNonNull(text, "text is required");
            if (text.isBlank()) {
                throw new IllegalArgumentException("text must not be blank");
            }
            Objects.requireNonNull(encoding, "encoding is required");
        }
    }

    /** One running synthesis. */
    interface Speech extends AutoCloseable {

        /** The provider actually speaking. */
        String provider();

        /** Samples per second of {@link Encoding#PCM_S16LE} audio (for {@link Encoding#MP3}, informative only). */
        int sampleRate();

        /**
         * Blocks until more audio is there: the next bytes (never empty), or empty when the audio is complete.
         *
         * @throws SpeechException when the engine or upstream fails, times out, or the speech was closed
         */
        Optional<byte[]> read();

        /** Cancels the synthesis if still running; idempotent; never throws. */
        @Override
        void close();
    }
}
