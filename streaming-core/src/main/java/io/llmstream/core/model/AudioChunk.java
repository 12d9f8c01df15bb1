package io.llmstream.core.model;

/**
 * A piece of an audio stream. Concatenating the {@code data} of a stream's chunks in {@code seq} order
 * (1, 2, 3, …) gives one playable file of the {@code format}.
 */
public record AudioChunk(long seq, AudioFormat format, byte[] data) {

    public AudioChunk {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be 1 or more, was " + seq);
        }
        Checks.required(format, "format");
        Checks.required(data, "data");
        if (data.length == 0) {
            throw new IllegalArgumentException("data must not be empty");
        }
    }
}
