package io.llmstream.adapter.llm.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.llm.config.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-30T10:00:00Z"), ZoneOffset.UTC);
    private final RetryDelays delays = new RetryDelays(
            new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(30)), CLOCK);

    @Test
    void shouldJitterWithinTheExponentialBoundCappedAtMaxBackoff() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            long first = delays.before(1, Optional.empty()).orElseThrow().toMillis();
            long fifth = delays.before(5, Optional.empty()).orElseThrow().toMillis();
            assertThat(first).isBetween(0L, 100L);
            assertThat(fifth).isBetween(0L, 1000L);
            seen.add(first);
        }
        assertThat(seen).as("jittered, not constant").hasSizeGreaterThan(20);
    }

    @Test
    void shouldWaitAtLeastRetryAfterGivenInSeconds() {
        assertThat(delays.before(1, Optional.of("7")).orElseThrow()).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldUnderstandRetryAfterAsAnHttpDate() {
        assertThat(delays.parseRetryAfter("Thu, 30 Oct 2025 10:00:12 GMT")).contains(Duration.ofSeconds(12));
        assertThat(delays.parseRetryAfter("Thu, 30 Oct 2025 09:00:00 GMT")).contains(Duration.ZERO);
    }

    @Test
    void shouldIgnoreARetryAfterThatIsNeitherSecondsNorADate() {
        assertThat(delays.parseRetryAfter("soon")).isEmpty();
        assertThat(delays.before(1, Optional.of("soon")).orElseThrow()).isLessThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldGiveUpWhenRetryAfterExceedsTheAllowedWait() {
        assertThat(delays.before(1, Optional.of("31"))).isEmpty();
        assertThat(delays.before(1, Optional.of("99999999999999999"))).isEmpty();
    }
}
