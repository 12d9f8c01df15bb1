package io.llmstream.http.jersey.security;

import io.llmstream.http.jersey.AuthenticationException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.ws.rs.ServiceUnavailableException;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * {@link Authenticator} for {@code Authorization: Bearer <JWT>}, verified with Nimbus JOSE+JWT against one
 * of three key sources: an HMAC shared secret (HS256/384/512), one RSA or EC public key (RS256/384/512,
 * ES256/384/512), or a JWKS URL (cached; fetched again when a token names an unknown {@code kid}). Only the
 * algorithms of the configured key family are accepted, so {@code alg: none} and an HS256 token made with a
 * public key as its secret are refused. The owner is the {@link JwtPolicy#userClaim()} of a valid token.
 * Refusals are {@link AuthenticationException}s whose messages never contain the token or a key.
 */
public final class NimbusJwtAuthenticator implements Authenticator {

    /** Tokens longer than this are refused unparsed. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final int MIN_SECRET_BYTES = 32;
    private static final System.Logger LOG = System.getLogger(NimbusJwtAuthenticator.class.getName());

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String userClaim;
    private final String description;

    private NimbusJwtAuthenticator(JWSKeySelector<SecurityContext> keys, JwtPolicy policy, String description) {
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keys);
        processor.setJWTClaimsSetVerifier(new ClaimsCheck(policy, Clock.systemUTC()));
        this.userClaim = policy.userClaim();
        this.description = description;
    }

    /**
     * HS256, HS384 or HS512 with a shared secret: each algorithm whose hash is no longer than the secret.
     *
     * @param secret at least 32 bytes (256 bits, what HS256 requires); 48 bytes admit HS384, 64 bytes HS512 too; the
     *               array is copied
     * @throws IllegalArgumentException when the secret is too short (the message does not contain it)
     */
    public static NimbusJwtAuthenticator sharedSecret(byte[] secret, JwtPolicy policy) {
        Objects.requireNonNull(secret, "secret is required");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits) long for HS256, was " + secret.length);
        }
        // RFC 7518 §3.2: an HMAC key at least as long as the hash; Nimbus refuses shorter ones at verification
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>(List.of(JWSAlgorithm.HS256));
        if (secret.length >= 48) {
            algorithms.add(JWSAlgorithm.HS384);
        }
        if (secret.length >= 64) {
            algorithms.add(JWSAlgorithm.HS512);
        }
        var keys = new JWSVerificationKeySelector<SecurityContext>(Set.copyOf(algorithms), new ImmutableSecret<>(secret.clone()));
        return new NimbusJwtAuthenticator(keys, policy, String.join("/", algorithms.stream().map(JWSAlgorithm::getName).toList())
                + " shared secret");
    }

    /**
     * One public key: RSA (RS256, RS384, RS512) or EC (the ES algorithm of its curve, e.g. ES256 for P-256).
     *
     * @param pem a {@code PUBLIC KEY} or {@code CERTIFICATE} in PEM
     * @throws IllegalArgumentException when the PEM holds neither an RSA nor an EC public key
     */
    public static NimbusJwtAuthenticator publicKey(String pem, JwtPolicy policy) {
        PublicKey key = PemPublicKeys.parse(pem);
        Set<JWSAlgorithm> algorithms;
        String kind;
        if (key instanceof RSAPublicKey) {
            algorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
            kind = "RSA public key (RS256)";
        } else if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null || Curve.forJWSAlgorithm(esFor(curve)) == null) {
                throw new IllegalArgumentException("the EC public key is on a curve JWS does not use; use P-256, P-384 or P-521");
            }
            algorithms = Set.of(esFor(curve));
            kind = "EC public key (" + esFor(curve) + ")";
        } else {
            throw new IllegalArgumentException("the public key must be an RSA or EC key, was " + key.getAlgorithm());
        }
        // the one key whatever kid the token names, but only for the algorithms of its family
        JWSKeySelector<SecurityContext> keys = (header, context) -> algorithms.contains(header.getAlgorithm())
                ? List.of(key) : List.of();
        return new NimbusJwtAuthenticator(keys, policy, kind);
    }

    /**
     * The keys published at a JWKS URL (RSA and EC; RS*, PS*, ES*), cached and fetched again, at most every
     * 30 seconds, when a token names a key id the cache does not know (key rotation).
     */
    public static NimbusJwtAuthenticator jwks(URL url, JwtPolicy policy) {
        JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(url).retrying(true).build();
        var keys = new JWSVerificationKeySelector<SecurityContext>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
                JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
                JWSAlgorithm.ES384, JWSAlgorithm.ES512), source);
        return new NimbusJwtAuthenticator(keys, policy, "JWKS at " + url);
    }

    @Override
    public String authenticate(CallerRequest request) {
        String token = bearerToken(request);
        JWTClaimsSet claims = verify(token);
        Object user = claims.getClaim(userClaim);
        if (!(user instanceof String id) || id.isBlank()) {
            throw AuthenticationException.invalidToken("the token has no user id in its '" + userClaim + "' claim", null);
        }
        return id;
    }

    /** What the tokens are checked against, for the start-up log; never the key material. */
    @Override
    public String toString() {
        return "JWT bearer tokens verified with " + description + ", user id from '" + userClaim + "'";
    }

    private static String bearerToken(CallerRequest request) {
        String header = request.header("Authorization")
                .orElseThrow(() -> new AuthenticationException("missing bearer token: send 'Authorization: Bearer <JWT>'"));
        String[] parts = header.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer") || parts[1].isBlank()) {
            throw AuthenticationException.invalidRequest("the Authorization header must be 'Bearer <JWT>'");
        }
        if (parts[1].length() > MAX_TOKEN_LENGTH) {
            throw AuthenticationException.invalidToken("the bearer token is longer than " + MAX_TOKEN_LENGTH + " characters", null);
        }
        return parts[1];
    }

    private JWTClaimsSet verify(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw AuthenticationException.invalidToken("the bearer token is not a well-formed JWT", null);
        }
        if (jwt instanceof PlainJWT) {
            throw AuthenticationException.invalidToken("unsigned tokens (alg none) are not accepted", null);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw AuthenticationException.invalidToken("encrypted tokens are not accepted; send a signed JWT", null);
        }
        try {
            return processor.process(signed, null);
        } catch (ClaimsCheck.Refused e) {
            throw AuthenticationException.invalidToken(e.getMessage(), null);
        } catch (BadJWTException e) {
            // Nimbus's own words (e.g. about an unparseable payload) never reach the client
            throw AuthenticationException.invalidToken("the token's claims are not a valid JWT claims set", null);
        } catch (BadJOSEException e) {
            throw AuthenticationException.invalidToken(
                    "the token's signature is invalid, or its algorithm or key is not accepted here", null);
        } catch (KeySourceException e) {
            LOG.log(Level.WARNING, "the JWT signing keys could not be fetched: " + e.getMessage());
            throw new ServiceUnavailableException("the signing keys to verify the token are unavailable; try again later");
        } catch (JOSEException e) {
            throw AuthenticationException.invalidToken("the token could not be verified", null);
        }
    }

    private static JWSAlgorithm esFor(Curve curve) {
        if (Curve.P_256.equals(curve)) {
            return JWSAlgorithm.ES256;
        }
        if (Curve.P_384.equals(curve)) {
            return JWSAlgorithm.ES384;
        }
        if (Curve.P_521.equals(curve)) {
            return JWSAlgorithm.ES512;
        }
        return JWSAlgorithm.ES256K;
    }
}
