package io.llmstream.http.jersey.security;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import com.nimbusds.jwt.util.DateUtils;
import java.time.Clock;
import java.util.Date;
import java.util.List;

/**
 * Checks the claims of a token whose signature is already verified. Its messages reach the client in the
 * 401 body, so they name what failed and never echo a claim's value.
 */
final class ClaimsCheck implements JWTClaimsSetVerifier<SecurityContext> {

    private final JwtPolicy policy;
    private final Clock clock;

    ClaimsCheck(JwtPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** A refusal in this class's own words, the only {@link BadJWTException} whose message may reach a client. */
    static final class Refused extends BadJWTException {
        Refused(String message) {
            super(message);
        }
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        Date now = Date.from(clock.instant());
        long skew = policy.clockSkew().toSeconds();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw new Refused("the token has no expiry (exp)");
        }
        if (!DateUtils.isAfter(expires, now, skew)) {
            throw new Refused("the token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && !DateUtils.isBefore(notBefore, now, skew)) {
            throw new Refused("the token is not valid yet (nbf)");
        }
        if (policy.issuer().isPresent() && !policy.issuer().get().equals(claims.getIssuer())) {
            throw new Refused("the token's issuer (iss) is not accepted");
        }
        if (policy.audience().isPresent()) {
            List<String> audience = claims.getAudience();
            if (audience == null || !audience.contains(policy.audience().get())) {
                throw new Refused("the token's audience (aud) is not accepted");
            }
        }
    }
}
