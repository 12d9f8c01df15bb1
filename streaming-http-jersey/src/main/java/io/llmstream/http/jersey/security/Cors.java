package io.llmstream.http.jersey.security;

import io.llmstream.http.jersey.error.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access for the origins configured (none by default: browsers then allow the server's own page only).
 * A preflight from an allowed origin is answered here, before authentication (browsers send it without credentials);
 * one from any other origin is refused {@code 403}. Answers to an allowed origin name it and expose the headers a
 * streaming client reads. Same-origin requests are not affected.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class Cors implements ContainerRequestFilter, ContainerResponseFilter {

    static final String EXPOSED = "X-Stream-Id, Content-Location, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset";
    static final String METHODS = "GET, POST, PUT, DELETE";
    static final String HEADERS = "Authorization, Content-Type, Accept, Last-Event-ID";
    static final String MAX_AGE_SECONDS = "600";

    private final Set<String> allowed;
    private final boolean any;

    /** @param allowedOrigins origins as browsers send them ({@code https://app.example.com}); {@code *} allows every origin */
    public Cors(List<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins);
        this.any = allowed.contains("*");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !HttpMethod.OPTIONS.equals(request.getMethod())
                || request.getHeaderString("Access-Control-Request-Method") == null) {
            return;
        }
        if (!allows(origin)) {
            request.abortWith(ErrorBody.response(403, "the origin " + origin + " may not call this API from a browser; "
                    + "the server lists the origins it allows in CORS_ALLOWED_ORIGINS"));
            return;
        }
        request.abortWith(Response.noContent()
                .header("Access-Control-Allow-Methods", METHODS)
                .header("Access-Control-Allow-Headers", HEADERS)
                .header("Access-Control-Max-Age", MAX_AGE_SECONDS)
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.add("Vary", "Origin");
        if (origin == null || !allows(origin)) {
            return;
        }
        headers.putSingle("Access-Control-Allow-Origin", origin);
        headers.putSingle("Access-Control-Expose-Headers", EXPOSED);
    }

    private boolean allows(String origin) {
        return any || allowed.contains(origin);
    }
}
