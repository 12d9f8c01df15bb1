package io.llmstream.http.jersey;

import io.llmstream.http.jersey.security.JwtPolicy;
import io.llmstream.http.jersey.security.NimbusJwtAuthenticator;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import io.llmstream.http.jersey.security.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tokens over real sockets: the documented size reaches the authenticator, every refusal is the server's own words. */
class TokenEdgeTest {

    private static final String SECRET_64 = "a-secret-of-sixty-four-bytes-0123456789-abcdefghijklmnopqrstuvwx";
    private static final Set<String> OWN_SENTENCES = Set.of("the token has expired", "the bearer token is not a well-formed JWT",
            "the token's claims are not a valid JWT claims set", "unsigned tokens (alg none) are not accepted",
            "the token's signature is invalid, or its algorithm or key is not accepted here",
            "the credentials do not name a user", "the token has no user id in its 'sub' claim",
            "the user id must be at most 255 characters without control characters",
            "the bearer token is longer than 16384 characters");

    @Test
    void shouldPassATokenOfNearly16KiBToTheAuthenticator() throws Exception {
        try (TestServer server = serverWithSecret(Tokens.SECRET)) {
            String token = Tokens.hs256(Tokens.SECRET, Tokens.claims("big", b -> b.claim("pad", "p".repeat(12_000))));
            assertThat(token.length()).isBetween(15_000, 16 * 1024);

            RawHttp.Answer answer = get(server, token);

            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        }
    }

    @Test
    void shouldAcceptHs384AndHs512WhenTheSecretIsLongEnoughForThem() throws Exception {
        try (TestServer server = serverWithSecret(SECRET_64)) {
            for (JWSAlgorithm algorithm : new JWSAlgorithm[] {JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512}) {
                RawHttp.Answer answer = get(server, sign(algorithm, SECRET_64, Tokens.claims("hs", b -> b).toString()));
                assertThat(answer.status()).as(algorithm + ": " + answer).isEqualTo(200);
            }
        }
    }

    @Test
    void shouldRefuseHs512WithASecretShorterThanItsHashInTheServersOwnWords() throws Exception {
        try (TestServer server = serverWithSecret(Tokens.SECRET)) {
            // signed with the server's own 44-byte secret, too short for HS512 (RFC 7518 §3.2)
            RawHttp.Answer answer = get(server, signUnchecked(JWSAlgorithm.HS512, Tokens.SECRET, Tokens.claims("hs", b -> b).toString()));

            assertInvalidToken(answer);
        }
    }

    @Test
    void shouldAnswerEvery401WithAFixedSentenceAndAnInvalidTokenChallenge() throws Exception {
        try (TestServer server = serverWithSecret(Tokens.SECRET)) {
            String[] tokens = {
                sign(JWSAlgorithm.HS256, Tokens.SECRET, "not json at all"),
                sign(JWSAlgorithm.HS256, Tokens.SECRET, "{\"exp\":\"tomorrow\",\"sub\":\"x\"}"),
                sign(JWSAlgorithm.HS256, Tokens.SECRET, "[1,2,3]"),
                sign(JWSAlgorithm.HS256, Tokens.SECRET, "{\"exp\":9999999999,\"sub\":\"" + "u".repeat(300) + "\"}"),
                sign(JWSAlgorithm.HS256, Tokens.SECRET, "{\"exp\":9999999999}"),
                Tokens.hs256(Tokens.SECRET, Tokens.claims("old", b -> b.expirationTime(new java.util.Date(0)))),
                Tokens.unsigned("none"),
                "a.b.c",
                "eyJhbGciOiJIUzI1NiJ9.%%%.x",
            };
            for (String token : tokens) {
                assertInvalidToken(get(server, token).described(token.length() > 80 ? token.substring(0, 80) : token));
            }
        }
    }

    private static void assertInvalidToken(RawHttp.Answer answer) {
        MalformedRequestTest.assertJsonError(answer, 401);
        assertThat(Sse.json(answer.body()).get("message").asText()).as(answer.toString()).isIn(OWN_SENTENCES);
        assertThat(answer.header("www-authenticate")).as(answer.toString()).startsWith("Bearer error=\"invalid_token\"");
    }

    private static TestServer serverWithSecret(String secret) {
        return new TestServer(HttpSettings.defaults(), b -> b.authenticator(NimbusJwtAuthenticator.sharedSecret(
                secret.getBytes(StandardCharsets.UTF_8), JwtPolicy.defaults())));
    }

    private static RawHttp.Answer get(TestServer server, String token) throws Exception {
        return RawHttp.exchange(server.root, "GET /api/v1/characters HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n");
    }

    /** Signs any payload, also ones that are no claims set, so the server's parsing is what is tested. */
    private static String sign(JWSAlgorithm algorithm, String secret, String payload) throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader(algorithm), new Payload(payload));
        jws.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jws.serialize();
    }

    /** HMAC with any key length: what a misconfigured issuer would send. */
    private static String signUnchecked(JWSAlgorithm algorithm, String secret, String payload) throws Exception {
        String signingInput = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new JWSHeader(algorithm).toString().getBytes(StandardCharsets.UTF_8)) + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA512");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return signingInput + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }
}
