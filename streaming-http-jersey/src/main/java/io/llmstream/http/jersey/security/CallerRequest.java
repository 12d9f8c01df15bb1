package io.llmstream.http.jersey.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Authenticator} or {@link RateLimiter} may look at: method, path, headers (names in lower
 * case) and the client's address ({@code "unknown"} when the container does not say).
 */
public record CallerRequest(String method, String path, Map<String, List<String>> headers, String remoteAddress) {

    public CallerRequest {
        Objects.requireNonNull(method, "method is required");
        Objects.requireNonNull(path, "path is required");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers are required"));
        Objects.requireNonNull(remoteAddress, "remoteAddress is required");
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
