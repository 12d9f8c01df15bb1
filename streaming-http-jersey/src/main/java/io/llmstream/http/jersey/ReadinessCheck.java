package io.llmstream.http.jersey;

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
}
