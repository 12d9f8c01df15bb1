package io.llmstream.adapter.llm.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How failures before the first delta are retried: connect errors, 408, 429 and 5xx. The delay before
 * retry {@code n} (1-based) is uniformly random in {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]},
 * or the server's {@code Retry-After} when that is longer; a {@code Retry-After} beyond
 * {@code maxRetryAfter} is not waited for.
 *
 * @param maxAttempts total attempts including the first; 1 disables retries
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /** 3 attempts, back-off from 250 ms up to 4 s, Retry-After honoured up to 30 s. */
    public static final RetryPolicy DEFAULTS = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(4),
            Duration.ofSeconds(30));

    /** No retries at all. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 20, was " + maxAttempts);
        }
        notNegative(initialBackoff, "initialBackoff");
        notNegative(maxBackoff, "maxBackoff");
        notNegative(maxRetryAfter, "maxRetryAfter");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be below initialBackoff ("
                    + initialBackoff + ")");
        }
    }

    private static void notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
