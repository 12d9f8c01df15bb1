package io.llmstream.app;

import io.llmstream.http.jersey.security.CallerRequest;
import io.llmstream.http.jersey.security.RateLimiter;
import io.llmstream.adapter.redis.RedisRequestCounter;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

/** The rate limit shared by every node (stream.engine=redis): requests per minute per user (or client address) counted in Redis. */
final class RedisRateLimiter implements RateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final RedisRequestCounter counter;
    private final int limit;
    private final BiFunction<String, CallerRequest, String> key;

    RedisRateLimiter(RedisRequestCounter counter, int limit, BiFunction<String, CallerRequest, String> key) {
        this.counter = counter;
        this.limit = limit;
        this.key = key;
    }

    @Override
    public Decision check(String owner, CallerRequest request) {
        RedisRequestCounter.Window window = counter.take(key.apply(owner, request), limit, WINDOW);
        long resetSeconds = (window.reset().toMillis() + 999) / 1_000;
        Map<String, String> headers = Map.of("RateLimit-Limit", Integer.toString(limit),
                "RateLimit-Remaining", Long.toString(window.remaining()), "RateLimit-Reset", Long.toString(resetSeconds));
        return window.allowed() ? Decision.allow(headers) : Decision.refuse(window.reset(), headers);
    }
}
