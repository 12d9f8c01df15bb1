package io.llmstream.adapter.llm.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of one completion; each one that fires ends the stream with an error naming it.
 *
 * @param connect    to open the TCP (and TLS) connection, per attempt
 * @param firstToken from the start of the request to the first delta, retries included
 * @param idle       longest silence between two reads once the first delta arrived
 * @param overall    the whole completion, from start to end
 */
public record LlmTimeouts(Duration connect, Duration firstToken, Duration idle, Duration overall) {

    /** Connect 10 s, first token 120 s (reasoning models think silently), idle 30 s, overall 10 min. */
    public static final LlmTimeouts DEFAULTS = new LlmTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(120),
            Duration.ofSeconds(30), Duration.ofMinutes(10));

    public LlmTimeouts {
        positive(connect, "connect");
        positive(firstToken, "firstToken");
        positive(idle, "idle");
        positive(overall, "overall");
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive, was " + value);
        }
    }
}
