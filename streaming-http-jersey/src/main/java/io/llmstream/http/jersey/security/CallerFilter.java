package io.llmstream.http.jersey.security;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.AuthenticationException;
import io.llmstream.http.jersey.HttpAdapterException;
import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.json.StoredColumn;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassfish.grizzly.http.server.Request;

/**
 * Resolves the owner of every API request with the {@link Authenticator}, then asks the {@link RateLimiter}.
 * Operations endpoints ({@code /health}, {@code /metrics}, {@code /openapi.json}) are exempt.
 */
@Priority(Priorities.AUTHENTICATION)
public final class CallerFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String OWNER = "io.llmstream.owner";
    public static final int MAX_OWNER_LENGTH = StoredColumn.OWNER_ID.maxLength();
    private static final String LIMIT_HEADERS = "io.llmstream.rate-limit-headers";

    private final Authenticator authenticator;
    private final RateLimiter limiter;
    private final String apiPrefix;

    @Inject
    private Provider<Request> grizzlyRequest;

    public CallerFilter(Authenticator authenticator, RateLimiter limiter, HttpSettings settings) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.apiPrefix = settings.basePath().isEmpty() ? "" : settings.basePath().substring(1);
    }

    /** The owner the filter resolved for this request. */
    public static String owner(ContainerRequestContext request) {
        Object owner = request.getProperty(OWNER);
        if (owner == null) {
            throw new HttpAdapterException("no owner was resolved for " + request.getUriInfo().getPath());
        }
        return (String) owner;
    }

    /** The owner an {@link Authenticator} named, refused 401 when it cannot be stored or logged safely. */
    public static String checkedOwner(String owner) {
        if (owner == null || owner.isBlank()) {
            throw AuthenticationException.invalidToken("the credentials do not name a user", null);
        }
        if (owner.length() > MAX_OWNER_LENGTH || owner.chars().anyMatch(java.lang.Character::isISOControl)) {
            // owners are stored as VARCHAR(255) and appear in logs: refuse before they reach either
            throw AuthenticationException.invalidToken("the user id must be at most " + MAX_OWNER_LENGTH
                    + " characters without control characters", null);
        }
        return owner;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isApi(request.getUriInfo().getPath())) {
            return;
        }
        CallerRequest caller = describe(request);
        String owner = checkedOwner(authenticator.authenticate(caller));
        RateLimiter.Decision decision = limiter.check(owner, caller);
        if (!decision.allowed()) {
            Map<String, String> headers = new LinkedHashMap<>(decision.headers());
            long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
            headers.put(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            throw new ApiException(429, "too many requests; retry after " + seconds + " s", headers);
        }
        request.setProperty(OWNER, owner);
        request.setProperty(LIMIT_HEADERS, decision.headers());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(LIMIT_HEADERS) instanceof Map<?, ?> headers) {
            headers.forEach((name, value) -> response.getHeaders().putSingle((String) name, value));
        }
    }

    private boolean isApi(String path) {
        if (apiPrefix.isEmpty()) {
            return !(path.equals("health") || path.startsWith("health/") || path.equals("metrics")
                    || path.equals("openapi.json"));
        }
        return path.equals(apiPrefix) || path.startsWith(apiPrefix + "/");
    }

    private CallerRequest describe(ContainerRequestContext request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return new CallerRequest(request.getMethod(), "/" + request.getUriInfo().getPath(), headers, remoteAddress());
    }

    private String remoteAddress() {
        try {
            Request grizzly = grizzlyRequest == null ? null : grizzlyRequest.get();
            String address = grizzly == null ? null : grizzly.getRemoteAddr();
            return address == null ? "unknown" : address;
        } catch (RuntimeException e) {
            return "unknown"; // not running in Grizzly
        }
    }
}
