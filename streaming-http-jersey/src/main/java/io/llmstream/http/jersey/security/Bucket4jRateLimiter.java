package io.llmstream.http.jersey.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * {@link RateLimiter} with one Bucket4j bucket per user (or per client address): {@code limit} requests per
 * minute, the whole allowance restored each minute, so the request after the limit within a minute is
 * refused. Every answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds until the allowance is whole again).
 */
public final class Bucket4jRateLimiter implements RateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Past this many buckets, the full ones (which behave exactly like new ones) are dropped. */
    static final int SWEEP_ABOVE = 10_000;

    private final int limit;
    private final BiFunction<String, CallerRequest, String> key;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    Bucket4jRateLimiter(int limit, BiFunction<String, CallerRequest, String> key, TimeMeter time) {
        if (limit < 1) {
            throw new IllegalArgumentException("the rate limit must be 1 or more requests per minute, was " + limit);
        }
        this.limit = limit;
        this.key = key;
        this.time = time;
    }

    /** {@code limit} requests per minute for each authenticated user. */
    public static Bucket4jRateLimiter perUser(int limit) {
        return new Bucket4jRateLimiter(limit, (owner, request) -> owner, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** {@code limit} requests per minute for each client address; for the local mode, where every caller is one user. */
    public static Bucket4jRateLimiter perClientAddress(int limit) {
        return new Bucket4jRateLimiter(limit, (owner, request) -> request.remoteAddress(), TimeMeter.SYSTEM_MILLISECONDS);
    }

    @Override
    public Decision check(String owner, CallerRequest request) {
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= limit);
        }
        Bucket bucket = buckets.computeIfAbsent(key.apply(owner, request), k -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        Map<String, String> headers = Map.of("RateLimit-Limit", Integer.toString(limit),
                "RateLimit-Remaining", Long.toString(probe.getRemainingTokens()),
                "RateLimit-Reset", Long.toString(secondsUp(probe.isConsumed()
                        ? bucket.estimateAbilityToConsume(limit).getNanosToWaitForRefill()
                        : probe.getNanosToWaitForReset())));
        return probe.isConsumed() ? Decision.allow(headers)
                : Decision.refuse(Duration.ofNanos(probe.getNanosToWaitForRefill()), headers);
    }

    /** How many keys have a bucket now; for tests. */
    int buckets() {
        return buckets.size();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillIntervally(limit, WINDOW).build())
                .withCustomTimePrecision(time)
                .build();
    }

    private static long secondsUp(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
