package io.llmstream.core.usecase;

import java.time.Duration;
import java.util.Objects;

/**
 * How the core streams and persists answers.
 *
 * @param chunkSize          minimum characters per {@code chunk} event; 1 passes upstream deltas through as they come
 * @param maxChunkDelay      longest a partly filled chunk is held back before it is sent anyway
 * @param historyMaxMessages most earlier messages of the dialogue put into the prompt
 * @param historyMaxChars    character budget for those messages (newest kept first)
 * @param maxStreamDuration  a stream running longer ends with error {@code limit_duration}; {@link Duration#ZERO} = no limit
 * @param maxAnswerChars     an answer growing longer ends with error {@code limit_answer_length}; 0 = no limit
 * @param detachGrace        how long a stream goes on with no subscriber before it is ended as interrupted;
 *                           {@link Duration#ZERO} = at once
 * @param pauseBufferEvents  pieces of text a paused stream takes from the upstream before it stops reading it
 * @param pauseMax           a pause longer than this ends the stream as stopped ({@code pause_timeout}); zero = no limit
 */
public record StreamingSettings(int chunkSize, Duration maxChunkDelay, int historyMaxMessages, int historyMaxChars,
        Duration maxStreamDuration, int maxAnswerChars, Duration detachGrace, int pauseBufferEvents, Duration pauseMax) {

    public StreamingSettings {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be 1 or more, was " + chunkSize);
        }
        notNegative(maxChunkDelay, "maxChunkDelay");
        if (historyMaxMessages < 0) {
            throw new IllegalArgumentException("historyMaxMessages must not be negative, was " + historyMaxMessages);
        }
        if (historyMaxChars < 0) {
            throw new IllegalArgumentException("historyMaxChars must not be negative, was " + historyMaxChars);
        }
        notNegative(maxStreamDuration, "maxStreamDuration");
        if (maxAnswerChars < 0) {
            throw new IllegalArgumentException("maxAnswerChars must not be negative, was " + maxAnswerChars);
        }
        notNegative(detachGrace, "detachGrace");
        if (pauseBufferEvents < 1) {
            throw new IllegalArgumentException("pauseBufferEvents must be 1 or more, was " + pauseBufferEvents);
        }
        notNegative(pauseMax, "pauseMax");
    }

    /**
     * Chunk size 1, 50 ms max delay, 20 messages / 12,000 characters of history, no stream limits, 30 s detach
     * grace, a pause buffers 2,000 pieces and lasts at most 600 s.
     */
    public static StreamingSettings defaults() {
        return new StreamingSettings(1, Duration.ofMillis(50), 20, 12_000, Duration.ZERO, 0, Duration.ofSeconds(30), 2_000,
                Duration.ofSeconds(600));
    }

    public StreamingSettings withChunkSize(int size) {
        return new StreamingSettings(size, maxChunkDelay, historyMaxMessages, historyMaxChars, maxStreamDuration, maxAnswerChars,
                detachGrace, pauseBufferEvents, pauseMax);
    }

    public StreamingSettings withMaxChunkDelay(Duration delay) {
        return new StreamingSettings(chunkSize, delay, historyMaxMessages, historyMaxChars, maxStreamDuration, maxAnswerChars,
                detachGrace, pauseBufferEvents, pauseMax);
    }

    public StreamingSettings withHistory(int maxMessages, int maxChars) {
        return new StreamingSettings(chunkSize, maxChunkDelay, maxMessages, maxChars, maxStreamDuration, maxAnswerChars,
                detachGrace, pauseBufferEvents, pauseMax);
    }

    public StreamingSettings withLimits(Duration maxDuration, int maxChars) {
        return new StreamingSettings(chunkSize, maxChunkDelay, historyMaxMessages, historyMaxChars, maxDuration, maxChars,
                detachGrace, pauseBufferEvents, pauseMax);
    }

    public StreamingSettings withDetachGrace(Duration grace) {
        return new StreamingSettings(chunkSize, maxChunkDelay, historyMaxMessages, historyMaxChars, maxStreamDuration, maxAnswerChars,
                grace, pauseBufferEvents, pauseMax);
    }

    public StreamingSettings withPause(int bufferEvents, Duration max) {
        return new StreamingSettings(chunkSize, maxChunkDelay, historyMaxMessages, historyMaxChars, maxStreamDuration, maxAnswerChars,
                detachGrace, bufferEvents, max);
    }

    private static void notNegative(Duration value, String field) {
        Objects.requireNonNull(value, field + " is required");
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
    }
}
