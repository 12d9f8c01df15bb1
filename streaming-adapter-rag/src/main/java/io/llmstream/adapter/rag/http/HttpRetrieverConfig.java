package io.llmstream.adapter.rag.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an external search service lives and how long to wait for it.
 *
 * @param endpoint       the URL the query is POSTed to
 * @param apiKey         sent as {@code Authorization: Bearer}, when present
 * @param connectTimeout for the TCP connect
 * @param requestTimeout for the whole answer; the core answers without context after it
 */
public record HttpRetrieverConfig(URI endpoint, Optional<String> apiKey, Duration connectTimeout,
        Duration requestTimeout) {

    public HttpRetrieverConfig {
        Objects.requireNonNull(endpoint, "retrieval endpoint");
        Objects.requireNonNull(apiKey, "retrieval apiKey");
        requirePositive(connectTimeout, "retrieval connectTimeout");
        requirePositive(requestTimeout, "retrieval requestTimeout");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    @Override
    public String toString() {
        return "HttpRetrieverConfig[endpoint=" + endpoint + ", apiKey=" + (apiKey.isPresent() ? "***" : "none")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }
}
