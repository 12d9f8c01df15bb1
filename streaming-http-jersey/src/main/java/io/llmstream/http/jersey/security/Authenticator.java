package io.llmstream.http.jersey.security;

import io.llmstream.http.jersey.AuthenticationException;

/**
 * Resolves who sends a request: the owner id every resource and stream is scoped to. Called once per API
 * request (not for {@code /health}, {@code /metrics} or {@code /openapi.json}), on a container thread;
 * implementations are thread-safe and fast (cache keys, do not fetch per request).
 */
@FunctionalInterface
public interface Authenticator {

    /** The owner id used when there is no authentication: everything belongs to one local user. */
    String LOCAL_USER = "local";

    /**
     * @return the owner id, never blank
     * @throws AuthenticationException when the request carries no valid credentials (answered 401)
     */
    String authenticate(CallerRequest request);

    /** Every request is the single local user {@value #LOCAL_USER}; for a server bound to loopback only. */
    static Authenticator localUser() {
        return request -> LOCAL_USER;
    }
}
