package io.llmstream.core.port;

import io.llmstream.core.model.AudioChunk;

/**
 * Delivers the audio of one stream to one client, next to the {@link EventSink} that gets its text.
 *
 * <p>The core calls it from one thread at a time (not the thread that sends the text events), chunks in
 * {@code seq} order. {@link #audioFailed} is called at most once and ends the audio: nothing is sent to
 * either sink after it, while the answer's text still completes and is persisted. When the client leaves,
 * {@code audio} returns {@code false} and the {@code EventSink} runs its close callbacks; the core then
 * cancels the synthesis and the LLM.
 */
public interface AudioSink {

    /**
     * Writes and flushes one piece of audio.
     *
     * @return {@code false} when the client is gone; never throws for that
     */
    boolean audio(AudioChunk chunk);

    /**
     * Synthesis failed mid-answer: the audio ends here. {@code code} is machine-readable
     * ({@code tts_…}, see {@link SpeechException.Code#wireCode()}), {@code message} is for people.
     */
    void audioFailed(String code, String message);
}
