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
 */
public record StreamingSettings(int chunkSize, Duration maxChunkDelay, int historyMaxMessages, int historyMaxChars,
        Duration maxStreamDuration, int maxAnswerChars) {

    public StreamingSettings {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be 1 or more, was " + chunkSize);
        }
        Objects.requireNonNull(maxChunkDelay, "maxChunkDelay is required");
        if (maxChunkDelay.isNegative()) {
            throw new IllegalArgumentException("maxChunkDelay must not be negative, was " + maxChunkDelay);
        }
        if (historyMaxMessages < 0) {
            throw new IllegalArgumentException("historyMaxMessages must not be negative, was " + historyMaxMessages);
        }
        if (historyMaxChars < 0) {
            throw new IllegalArgumentException("historyMaxChars must not be negative, was " + historyMaxChars);
        }
        Objects.requireNonNull(maxStreamDuration, "maxStreamDuration is required");
        if (maxStreamDuration.isNegative()) {
            throw new IllegalArgumentException("maxStreamDuration must not be negative, was " + maxStreamDuration);
        }
        if (maxAnswerChars < 0) {
            throw new IllegalArgumentException("maxAnswerChars must not be negative, was " + maxAnswerChars);
        }
    }

    /** Chunk size 1, 50 ms max delay, 20 messages / 12,000 characters of history, no stream limits. */
    public static StreamingSettings defaults() {
        return new StreamingSettings(1, Duration.ofMillis(50), 20, 12_000, Duration.ZERO, 0);
    }

    public StreamingSettings withChunkSize(int size) {
        return new StreamingSettings(size, maxChunkDelay, historyMaxMessages, historyMaxChars, maxStreamDuration, maxAnswerChars);
    }

    public StreamingSettings withMaxChunkDelay(Duration delay) {
        return new StreamingSettings(chunkSize, delay, historyMaxMessages, historyMaxChars, maxStreamDuration, maxAnswerChars);
    }

    public StreamingSettings withHistory(int maxMessages, int maxChars) {
        return new StreamingSettings(chunkSize, maxChunkDelay, maxMessages, maxChars, maxStreamDuration, maxAnswerChars);
    }

    public StreamingSettings withLimits(Duration maxDuration, int maxChars) {
        return new StreamingSettings(chunkSize, maxChunkDelay, historyMaxMessages, historyMaxChars, maxDuration, maxChars);
    }
}
