package io.llmstream.http.jersey.server;

import io.llmstream.http.jersey.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Refuses a request without {@code Content-Type} on an endpoint that declares what it consumes with 415: Jersey
 * would otherwise match it as if it had sent the declared type.
 */
@Priority(Priorities.HEADER_DECORATOR)
final class ContentTypeRequired implements ContainerRequestFilter {

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource == null || resource.getResourceMethod() == null || request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null) {
            return;
        }
        Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes != null) {
            throw ApiException.unsupportedType("this endpoint needs a Content-Type header; it accepts "
                    + String.join(", ", consumes.value()));
        }
    }
}
