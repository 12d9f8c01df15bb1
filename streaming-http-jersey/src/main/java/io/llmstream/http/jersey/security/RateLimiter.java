package io.llmstream.http.jersey.security;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether an authenticated request may proceed. Called once per API request after the
 * {@link Authenticator}; a refusal is answered 429 with {@code Retry-After} and the decision's headers.
 * Thread-safe.
 */
@FunctionalInterface
public interface RateLimiter {

    /** Lets everything through. */
    RateLimiter UNLIMITED = (owner, request) -> Decision.allow(Map.of());

    Decision check(String owner, CallerRequest request);

    /**
     * @param allowed    whether the request may proceed
     * @param retryAfter when refused, how long to wait (rounded up to whole seconds in {@code Retry-After})
     * @param headers    extra response headers, e.g. {@code RateLimit-Remaining}; set on allowed and refused answers
     */
    record Decision(boolean allowed, Duration retryAfter, Map<String, String> headers) {
        public Decision {
            Objects.requireNonNull(retryAfter, "retryAfter is required");
            headers = Map.copyOf(Objects.requireNonNull(headers, "headers are required"));
        }

        public static Decision allow(Map<String, String> headers) {
            return new Decision(true, Duration.ZERO, headers);
        }

        public static Decision refuse(Duration retryAfter, Map<String, String> headers) {
            return new Decision(false, retryAfter, headers);
        }
    }
}
