package io.llmstream.app;

import io.llmstream.http.jersey.security.Authenticator;
import io.llmstream.http.jersey.security.Bucket4jRateLimiter;
import io.llmstream.http.jersey.security.NimbusJwtAuthenticator;
import io.llmstream.http.jersey.security.RateLimiter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auth modes and limits as configured: local only on loopback, JWT from one key source, no secret echoed. */
class SecurityConfigTest {

    private static final String SECRET = "config-test-secret-0123456789abcdefghij";

    @Test
    void shouldServeTheLocalUserOnLoopbackWithoutAuthentication() {
        AppConfig.Security security = ConfigLoader.load(Map.of("http.host", "localhost")).security();

        assertThat(security.mode()).isEqualTo(AppConfig.AuthMode.LOCAL);
        assertThat(security.rateLimiter()).isInstanceOf(Bucket4jRateLimiter.class);
        assertThat(security.requestsPerMinute()).isEqualTo(100);
        assertThat(security.streamsPerUser()).isEqualTo(4);
    }

    @Test
    void shouldRefuseToStartOnAPublicAddressWithoutAuthenticationSayingHowToConfigureIt() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("http.host", "0.0.0.0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a loopback address").hasMessageContaining("AUTH_JWT_SECRET")
                .hasMessageContaining("AUTH_JWKS_URL").hasMessageContaining("AUTH_DISABLED=true");
    }

    @Test
    void shouldStartOnAPublicAddressWhenAuthenticationIsExplicitlyDisabledOrConfigured() {
        assertThat(ConfigLoader.load(Map.of("http.host", "0.0.0.0", "auth.disabled", "true")).security().mode())
                .isEqualTo(AppConfig.AuthMode.DISABLED);
        AppConfig.Security jwt = ConfigLoader.load(Map.of("http.host", "0.0.0.0", "auth.jwt-secret", SECRET)).security();
        assertThat(jwt.mode()).isEqualTo(AppConfig.AuthMode.JWT);
        assertThat(jwt.authenticator()).isInstanceOf(NimbusJwtAuthenticator.class);
        assertThat(jwt.authenticator().toString()).doesNotContain(SECRET);
    }

    @Test
    void shouldReadAPemPublicKeyFile(@TempDir Path dir) throws IOException, NoSuchAlgorithmException {
        Path pem = dir.resolve("issuer.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");

        Authenticator authenticator = ConfigLoader.load(Map.of("auth.jwt-public-key", pem.toString())).security().authenticator();

        assertThat(authenticator.toString()).contains("RSA public key");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("auth.jwt-public-key", dir.resolve("missing.pem").toString())))
                .hasMessageContaining("AUTH_JWT_PUBLIC_KEY");
    }

    @Test
    void shouldRefuseTwoKeySourcesAndAShortSecretWithoutEchoingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("auth.jwt-secret", SECRET, "auth.jwks-url", "https://issuer.example/jwks")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only one of").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("auth.jwt-secret", "too-short-secret")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AUTH_JWT_SECRET").hasMessageContaining("32 bytes")
                .hasMessageNotContaining("too-short-secret");
    }

    @Test
    void shouldTurnTheRateLimitOffWithZeroAndCheckTheFieldLimitsRanges() {
        assertThat(ConfigLoader.load(Map.of("rate-limit.per-minute", "0")).security().rateLimiter()).isSameAs(RateLimiter.UNLIMITED);
        assertThat(ConfigLoader.load(Map.of("http.max-top-k", "10")).security().fieldLimits().maxTopK()).isEqualTo(10);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("http.max-top-k", "51"))).hasMessageContaining("HTTP_MAX_TOP_K");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("streams.per-user-max", "0"))).hasMessageContaining("STREAMS_PER_USER_MAX");
    }
}
