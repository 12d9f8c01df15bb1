package io.llmstream.http.jersey.security;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a valid token must say besides being correctly signed: {@code exp} is always required and checked,
 * {@code nbf} when present, both with the clock skew; {@code iss} and {@code aud} only when configured.
 *
 * @param issuer    the exact {@code iss} required; empty = any
 * @param audience  a value {@code aud} must contain; empty = any
 * @param userClaim the claim holding the user id every resource is owned by, usually {@code sub}
 * @param clockSkew how far the clocks of the token's issuer and this server may disagree, 0..5 minutes
 */
public record JwtPolicy(Optional<String> issuer, Optional<String> audience, String userClaim, Duration clockSkew) {

    public static final String DEFAULT_USER_CLAIM = "sub";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    public JwtPolicy {
        Objects.requireNonNull(issuer, "issuer is required");
        Objects.requireNonNull(audience, "audience is required");
        Objects.requireNonNull(userClaim, "userClaim is required");
        if (userClaim.isBlank()) {
            throw new IllegalArgumentException("userClaim must not be blank");
        }
        Objects.requireNonNull(clockSkew, "clockSkew is required");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("clockSkew must be within 0..300 seconds, was " + clockSkew.toSeconds());
        }
    }

    /** User id from {@code sub}, 30 s of clock skew, any issuer and audience. */
    public static JwtPolicy defaults() {
        return new JwtPolicy(Optional.empty(), Optional.empty(), DEFAULT_USER_CLAIM, DEFAULT_CLOCK_SKEW);
    }

    public JwtPolicy withIssuer(String value) {
        return new JwtPolicy(Optional.of(value), audience, userClaim, clockSkew);
    }

    public JwtPolicy withAudience(String value) {
        return new JwtPolicy(issuer, Optional.of(value), userClaim, clockSkew);
    }

    public JwtPolicy withUserClaim(String value) {
        return new JwtPolicy(issuer, audience, value, clockSkew);
    }

    public JwtPolicy withClockSkew(Duration value) {
        return new JwtPolicy(issuer, audience, userClaim, value);
    }
}
