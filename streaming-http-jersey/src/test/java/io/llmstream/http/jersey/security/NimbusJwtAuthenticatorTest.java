package io.llmstream.http.jersey.security;

import io.llmstream.http.jersey.AuthenticationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class NimbusJwtAuthenticatorTest {

    private static final RSAKey RSA = Tokens.rsaKey("rsa-1");
    private static final ECKey EC = Tokens.ecKey("ec-1");

    private final NimbusJwtAuthenticator hmac = NimbusJwtAuthenticator.sharedSecret(
            Tokens.SECRET.getBytes(StandardCharsets.UTF_8), JwtPolicy.defaults());

    @Test
    void shouldReturnTheSubjectOfAValidHs256Token() {
        assertThat(hmac.authenticate(bearer(Tokens.hs256("alice")))).isEqualTo("alice");
    }

    @Test
    void shouldTakeTheUserIdFromTheConfiguredClaim() {
        NimbusJwtAuthenticator byEmail = NimbusJwtAuthenticator.sharedSecret(Tokens.SECRET.getBytes(StandardCharsets.UTF_8),
                JwtPolicy.defaults().withUserClaim("email"));

        String token = Tokens.hs256(Tokens.SECRET, Tokens.claims("u-1", b -> b.claim("email", "alice@example.org")));

        assertThat(byEmail.authenticate(bearer(token))).isEqualTo("alice@example.org");
        refused(() -> byEmail.authenticate(bearer(Tokens.hs256("u-1"))), "'email' claim");
    }

    @Test
    void shouldAnswerAMissingTokenWithAPlainBearerChallenge() {
        assertThatThrownBy(() -> hmac.authenticate(request(Map.of())))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.challenge()).isEqualTo("Bearer");
                    assertThat(e.getMessage()).contains("missing bearer token");
                });
    }

    @Test
    void shouldRefuseAnAuthorizationHeaderThatIsNotBearer() {
        assertThatThrownBy(() -> hmac.authenticate(request(Map.of("authorization", List.of("Basic YWxpY2U6cHc=")))))
                .isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.challenge()).startsWith("Bearer error=\"invalid_request\""));
    }

    @Test
    void shouldRefuseAMalformedToken() {
        refused(() -> hmac.authenticate(bearer("not.a.jwt-at-all")), "not a well-formed JWT");
    }

    @Test
    void shouldRefuseAnExpiredTokenButToleratetheClockSkew() {
        Instant now = Instant.now();
        String expired = Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", b -> b.expirationTime(Date.from(now.minusSeconds(120)))));
        String justExpired = Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", b -> b.expirationTime(Date.from(now.minusSeconds(10)))));

        refused(() -> hmac.authenticate(bearer(expired)), "expired");
        assertThat(hmac.authenticate(bearer(justExpired))).isEqualTo("alice"); // within the default 30 s
    }

    @Test
    void shouldRefuseATokenNotValidYetAndOneWithoutExpiry() {
        Instant now = Instant.now();
        String early = Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", b -> b.notBeforeTime(Date.from(now.plusSeconds(120)))));
        String slightlyEarly = Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", b -> b.notBeforeTime(Date.from(now.plusSeconds(10)))));
        String endless = Tokens.hs256(Tokens.SECRET, Tokens.claims("alice", b -> b.expirationTime(null)));

        refused(() -> hmac.authenticate(bearer(early)), "not valid yet");
        assertThat(hmac.authenticate(bearer(slightlyEarly))).isEqualTo("alice");
        refused(() -> hmac.authenticate(bearer(endless)), "no expiry");
    }

    @Test
    void shouldCheckIssuerAndAudienceWhenConfigured() {
        NimbusJwtAuthenticator strict = NimbusJwtAuthenticator.sharedSecret(Tokens.SECRET.getBytes(StandardCharsets.UTF_8),
                JwtPolicy.defaults().withIssuer("https://issuer.example").withAudience("llmstream"));

        String right = Tokens.hs256(Tokens.SECRET, Tokens.claims("alice",
                b -> b.issuer("https://issuer.example").audience(List.of("other", "llmstream"))));
        String wrongIssuer = Tokens.hs256(Tokens.SECRET, Tokens.claims("alice",
                b -> b.issuer("https://evil.example").audience("llmstream")));
        String wrongAudience = Tokens.hs256(Tokens.SECRET, Tokens.claims("alice",
                b -> b.issuer("https://issuer.example").audience("other")));

        assertThat(strict.authenticate(bearer(right))).isEqualTo("alice");
        refused(() -> strict.authenticate(bearer(wrongIssuer)), "issuer");
        refused(() -> strict.authenticate(bearer(wrongAudience)), "audience");
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherSecret() {
        String forged = Tokens.hs256("another-secret-that-is-long-enough-for-hs256!", Tokens.claims("alice", b -> b));

        refused(() -> hmac.authenticate(bearer(forged)), "signature is invalid");
    }

    @Test
    void shouldRefuseAnUnsignedAlgNoneToken() {
        refused(() -> hmac.authenticate(bearer(Tokens.unsigned("alice"))), "alg none");
    }

    @Test
    void shouldAcceptRs256AndEs256TokensAgainstTheirPublicKeys() throws Exception {
        NimbusJwtAuthenticator rsa = NimbusJwtAuthenticator.publicKey(Tokens.pem(RSA.toPublicKey()), JwtPolicy.defaults());
        NimbusJwtAuthenticator ec = NimbusJwtAuthenticator.publicKey(Tokens.pem(EC.toPublicKey()), JwtPolicy.defaults());

        assertThat(rsa.authenticate(bearer(Tokens.rs256(RSA, Tokens.claims("alice", b -> b))))).isEqualTo("alice");
        assertThat(ec.authenticate(bearer(Tokens.es256(EC, Tokens.claims("bob", b -> b))))).isEqualTo("bob");
        refused(() -> rsa.authenticate(bearer(Tokens.es256(EC, Tokens.claims("bob", b -> b)))), "not accepted");
        refused(() -> rsa.authenticate(bearer(Tokens.rs256(Tokens.rsaKey("other"), Tokens.claims("eve", b -> b)))),
                "signature is invalid");
    }

    @Test
    void shouldRefuseAnHs256TokenMadeWithThePublicKeyAsItsSecret() throws Exception {
        NimbusJwtAuthenticator rsa = NimbusJwtAuthenticator.publicKey(Tokens.pem(RSA.toPublicKey()), JwtPolicy.defaults());

        refused(() -> rsa.authenticate(bearer(Tokens.hs256WithPublicKeyAsSecret(RSA.toPublicKey(), "eve"))),
                "algorithm or key is not accepted");
    }

    @Test
    void shouldFetchTheJwksAgainWhenATokenNamesAnUnknownKeyId() throws Exception {
        RSAKey first = Tokens.rsaKey("k1");
        RSAKey rotated = Tokens.rsaKey("k2");
        AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(first.toPublicJWK()));
        AtomicInteger fetches = new AtomicInteger();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        try {
            NimbusJwtAuthenticator authenticator = NimbusJwtAuthenticator.jwks(
                    URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json").toURL(), JwtPolicy.defaults());

            assertThat(authenticator.authenticate(bearer(Tokens.rs256(first, Tokens.claims("alice", b -> b))))).isEqualTo("alice");
            assertThat(authenticator.authenticate(bearer(Tokens.rs256(first, Tokens.claims("bob", b -> b))))).isEqualTo("bob");
            assertThat(fetches.get()).as("the key set is cached").isEqualTo(1);

            published.set(new JWKSet(List.of(first.toPublicJWK(), rotated.toPublicJWK())));
            assertThat(authenticator.authenticate(bearer(Tokens.rs256(rotated, Tokens.claims("carol", b -> b))))).isEqualTo("carol");
            assertThat(fetches.get()).as("fetched again for the unknown kid").isEqualTo(2);
            refused(() -> authenticator.authenticate(bearer(Tokens.hs256("mallory"))), "not accepted");
        } finally {
            jwks.stop(0);
        }
    }

    @Test
    void shouldNeverPutTheTokenOrTheSecretIntoARefusal() {
        String expired = Tokens.hs256(Tokens.SECRET, Tokens.claims("alice",
                b -> b.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))));
        String forged = Tokens.hs256("another-secret-that-is-long-enough-for-hs256!", Tokens.claims("alice", b -> b));

        for (String token : List.of(expired, forged, Tokens.unsigned("alice"), "garbage." + Tokens.SECRET)) {
            assertThatThrownBy(() -> hmac.authenticate(bearer(token)))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.getMessage() + e.challenge())
                            .doesNotContain(token).doesNotContain(Tokens.SECRET).doesNotContain(token.substring(0, 20)));
        }
        assertThat(hmac.toString()).doesNotContain(Tokens.SECRET);
    }

    @Test
    void shouldRefuseASecretShorterThan256BitsWithoutNamingIt() {
        assertThatThrownBy(() -> NimbusJwtAuthenticator.sharedSecret("short-secret".getBytes(StandardCharsets.UTF_8),
                JwtPolicy.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes").hasMessageNotContaining("short-secret");
    }

    @Test
    void shouldRefuseAPublicKeyFileThatHoldsNoKey() {
        assertThatThrownBy(() -> NimbusJwtAuthenticator.publicKey("hello", JwtPolicy.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PEM");
    }

    private static void refused(ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.getMessage()).contains(reason);
            assertThat(e.challenge()).startsWith("Bearer error=\"invalid_token\"");
        });
    }

    private static CallerRequest bearer(String token) {
        return request(Map.of("authorization", List.of("Bearer " + token)));
    }

    private static CallerRequest request(Map<String, List<String>> headers) {
        return new CallerRequest("GET", "/api/v1/characters", headers, "127.0.0.1");
    }
}
