package io.llmstream.app;

import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.security.Authenticator;
import io.llmstream.http.jersey.security.Bucket4jRateLimiter;
import io.llmstream.http.jersey.security.JwtPolicy;
import io.llmstream.http.jersey.security.NimbusJwtAuthenticator;
import io.llmstream.http.jersey.security.RateLimiter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/** Who may call the API: the authentication mode and its authenticator, the rate limit, the caps of streams and fields. */
final class ConfigSecurity {

    private final ConfigProperties keys;

    ConfigSecurity(ConfigProperties keys) {
        this.keys = keys;
    }

    /**
     * Exactly one of secret, public key and JWKS URL turns JWT on; none is the local mode, allowed only on a
     * loopback address unless AUTH_DISABLED=true says so explicitly.
     */
    AppConfig.Security security(String host) {
        ConfigProperties.Auth auth = keys.auth();
        long sources = Stream.of(auth.jwtSecret(), auth.jwtPublicKey(), auth.jwksUrl()).filter(Optional::isPresent).count();
        if (sources > 1) {
            throw new ConfigException("set only one of " + describe("auth.jwt-secret") + ", " + describe("auth.jwt-public-key")
                    + " and " + describe("auth.jwks-url"));
        }
        AppConfig.AuthMode mode = auth.disabled() ? AppConfig.AuthMode.DISABLED
                : sources == 1 ? AppConfig.AuthMode.JWT : AppConfig.AuthMode.LOCAL;
        if (mode == AppConfig.AuthMode.LOCAL && !isLoopback(host)) {
            throw new ConfigException(describe("http.host") + " is '" + host + "', which is not a loopback address, and no "
                    + "authentication is configured. Set " + env("auth.jwt-secret") + " (HS256), " + env("auth.jwt-public-key")
                    + " (a PEM file for RS256/ES256) or " + env("auth.jwks-url") + ", or bind to 127.0.0.1, or set "
                    + env("auth.disabled") + "=true to serve every caller as one user without authentication");
        }
        Authenticator authenticator = mode == AppConfig.AuthMode.JWT ? jwt(auth) : Authenticator.localUser();
        int perMinute = keys.rateLimit().perMinute();
        RateLimiter limiter = perMinute == 0 ? RateLimiter.UNLIMITED
                : mode == AppConfig.AuthMode.JWT ? Bucket4jRateLimiter.perUser(perMinute) : Bucket4jRateLimiter.perClientAddress(perMinute);
        ConfigProperties.Http http = keys.http();
        HttpSettings.FieldLimits fields = new HttpSettings.FieldLimits(http.maxRoleLength(), http.maxTitleLength(),
                http.maxSystemPromptLength(), http.maxTopK());
        return new AppConfig.Security(mode, authenticator, limiter, perMinute, keys.streams().perUserMax(), keys.streams().max(),
                fields);
    }

    private Authenticator jwt(ConfigProperties.Auth auth) {
        JwtPolicy policy = JwtPolicy.defaults().withUserClaim(auth.userClaim())
                .withClockSkew(Duration.ofSeconds(auth.clockSkewSeconds()));
        policy = auth.issuer().map(policy::withIssuer).orElse(policy);
        policy = auth.audience().map(policy::withAudience).orElse(policy);
        try {
            if (auth.jwtSecret().isPresent()) {
                return NimbusJwtAuthenticator.sharedSecret(auth.jwtSecret().get().getBytes(StandardCharsets.UTF_8), policy);
            }
            if (auth.jwtPublicKey().isPresent()) {
                return NimbusJwtAuthenticator.publicKey(readKeyFile(auth.jwtPublicKey().get()), policy);
            }
            return NimbusJwtAuthenticator.jwks(ConfigProviders.uri(auth.jwksUrl().orElseThrow(), "auth.jwks-url").toURL(), policy);
        } catch (IllegalArgumentException | MalformedURLException e) {
            // the authenticator's messages never contain the key material
            String key = auth.jwtSecret().isPresent() ? "auth.jwt-secret" : auth.jwtPublicKey().isPresent() ? "auth.jwt-public-key"
                    : "auth.jwks-url";
            throw new ConfigException(describe(key) + ": " + e.getMessage());
        }
    }

    private static String readKeyFile(Path path) {
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(describe("auth.jwt-public-key") + " names " + path + ", which cannot be read as a PEM file");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException(describe("http.host") + " names the unknown host '" + host + "'");
        }
    }

    private static String describe(String key) {
        return ConfigProblems.describe(key);
    }

    private static String env(String key) {
        return ConfigProblems.env(key);
    }
}
