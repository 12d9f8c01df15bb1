package io.llmstream.core.usecase;

import java.time.Duration;
import java.util.Objects;

/**
 * How answers are spoken.
 *
 * @param lookahead        sentences synthesised at the same time: the one playing and those after it
 * @param maxSentenceChars a sentence longer than this is cut at a pause so it starts to play early
 * @param finishTimeout    longest the end of the answer waits for the rest of its audio; then the audio fails
 *                         with {@code tts_timeout}
 */
public record AudioSettings(int lookahead, int maxSentenceChars, Duration finishTimeout) {

    public AudioSettings {
        if (lookahead < 1 || lookahead > 16) {
            throw new IllegalArgumentException("lookahead must be within 1..16, was " + lookahead);
        }
        if (maxSentenceChars < 20) {
            throw new IllegalArgumentException("maxSentenceChars must be 20 or more, was " + maxSentenceChars);
        }
        Objects.requireNonNull(finishTimeout, "finishTimeout is required");
        if (finishTimeout.isNegative() || finishTimeout.isZero()) {
            throw new IllegalArgumentException("finishTimeout must be positive, was " + finishTimeout);
        }
    }

    /** Two sentences at a time, sentences cut after 240 characters, 5 minutes for the rest of the audio. */
    public static AudioSettings defaults() {
        return new AudioSettings(2, 240, Duration.ofMinutes(5));
    }
}
