package io.llmstream.adapter.llm.http;

import io.llmstream.adapter.llm.config.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Jittered exponential back-off that honours {@code Retry-After}. */
final class RetryDelays {

    private final RetryPolicy policy;
    private final Clock clock;

    RetryDelays(RetryPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry), or empty when the server asked
     * for a longer wait than {@link RetryPolicy#maxRetryAfter()} allows.
     */
    Optional<Duration> before(int retry, Optional<String> retryAfterHeader) {
        long capMillis = policy.maxBackoff().toMillis();
        long exponential = policy.initialBackoff().toMillis() << Math.min(retry - 1, 20);
        long bound = Math.min(capMillis, Math.max(0, exponential));
        // "full jitter": spreads the retries of many clients hit by the same outage
        long jittered = bound == 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);
        Optional<Duration> asked = retryAfterHeader.flatMap(this::parseRetryAfter);
        if (asked.isPresent()) {
            if (asked.get().compareTo(policy.maxRetryAfter()) > 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.max(jittered, asked.get().toMillis())));
        }
        return Optional.of(Duration.ofMillis(jittered));
    }

    /** {@code Retry-After} as delay-seconds or an HTTP-date; empty when it is neither. */
    Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.strip();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
            return trimmed.length() > 9 ? Optional.of(Duration.ofSeconds(999_999_999L))
                    : Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
