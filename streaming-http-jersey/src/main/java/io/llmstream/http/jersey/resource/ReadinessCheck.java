package io.llmstream.http.jersey.resource;

import java.util.Map;

/**
 * Says whether the service can serve requests, for {@code GET /health/ready}: the state of each
 * dependency by name (e.g. {@code database}, {@code index}), {@code true} when reachable. Ready when
 * all are. Must answer within a second or two and must not throw; what it throws counts as not ready.
 * Names end up in the response body, so they must not contain secrets.
 */
@FunctionalInterface
public interface ReadinessCheck {

    /** Ready with no dependencies to check. */
    ReadinessCheck ALWAYS_READY = Map::of;

    Map<String, Boolean> components();

    /**
     * Figures that explain the state without deciding it, e.g. {@code journal -> {backlog: 12}}; answered under
     * {@code details} when not empty. Must not contain secrets.
     */
    default Map<String, Object> details() {
        return Map.of();
    }

    /** Components from one supplier, details from another. */
    static ReadinessCheck of(ReadinessCheck components, java.util.function.Supplier<Map<String, Object>> details) {
        return new ReadinessCheck() {
            @Override
            public Map<String, Boolean> components() {
                return components.components();
            }

            @Override
            public Map<String, Object> details() {
                return details.get();
            }
        };
    }
}
