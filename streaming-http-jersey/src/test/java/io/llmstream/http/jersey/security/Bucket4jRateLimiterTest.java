package io.llmstream.http.jersey.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.llmstream.http.jersey.security.RateLimiter.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class Bucket4jRateLimiterTest {

    private final ManualTime time = new ManualTime();

    @Test
    void shouldRefuseTheRequestAfterTheLimitWithinAMinuteAndSayWhenToRetry() {
        Bucket4jRateLimiter limiter = new Bucket4jRateLimiter(100, (owner, request) -> owner, time);

        for (int i = 0; i < 100; i++) {
            assertThat(limiter.check("alice", request("127.0.0.1")).allowed()).as("request %d", i + 1).isTrue();
        }
        time.advance(Duration.ofSeconds(20));
        Decision refused = limiter.check("alice", request("127.0.0.1"));

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(40));
        assertThat(refused.headers()).containsEntry("RateLimit-Limit", "100").containsEntry("RateLimit-Remaining", "0")
                .containsEntry("RateLimit-Reset", "40");
    }

    @Test
    void shouldRestoreTheAllowanceAfterAMinute() {
        Bucket4jRateLimiter limiter = new Bucket4jRateLimiter(2, (owner, request) -> owner, time);
        limiter.check("alice", request("127.0.0.1"));
        limiter.check("alice", request("127.0.0.1"));

        time.advance(Duration.ofMinutes(1));

        Decision allowed = limiter.check("alice", request("127.0.0.1"));
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.headers()).containsEntry("RateLimit-Remaining", "1");
    }

    @Test
    void shouldCountEachUserSeparately() {
        Bucket4jRateLimiter limiter = new Bucket4jRateLimiter(1, (owner, request) -> owner, time);

        assertThat(limiter.check("alice", request("127.0.0.1")).allowed()).isTrue();
        assertThat(limiter.check("alice", request("127.0.0.1")).allowed()).isFalse();
        assertThat(limiter.check("bob", request("127.0.0.1")).allowed()).isTrue();
    }

    @Test
    void shouldCountEachClientAddressSeparatelyInLocalMode() {
        Bucket4jRateLimiter limiter = Bucket4jRateLimiter.perClientAddress(1);

        assertThat(limiter.check("local", request("10.0.0.1")).allowed()).isTrue();
        assertThat(limiter.check("local", request("10.0.0.1")).allowed()).isFalse();
        assertThat(limiter.check("local", request("10.0.0.2")).allowed()).isTrue();
    }

    @Test
    void shouldForgetFullBucketsWhenThereAreManyKeys() {
        Bucket4jRateLimiter limiter = new Bucket4jRateLimiter(5, (owner, request) -> owner, time);
        for (int i = 0; i <= Bucket4jRateLimiter.SWEEP_ABOVE; i++) {
            limiter.check("user-" + i, request("127.0.0.1"));
        }
        limiter.check("busy", request("127.0.0.1"));
        time.advance(Duration.ofMinutes(1));

        limiter.check("busy", request("127.0.0.1"));

        assertThat(limiter.buckets()).isLessThan(Bucket4jRateLimiter.SWEEP_ABOVE);
    }

    private static CallerRequest request(String address) {
        return new CallerRequest("GET", "/api/v1/characters", Map.<String, List<String>>of(), address);
    }

    private static final class ManualTime implements TimeMeter {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
