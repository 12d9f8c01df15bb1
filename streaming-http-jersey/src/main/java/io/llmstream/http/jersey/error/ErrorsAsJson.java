package io.llmstream.http.jersey.error;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;

/**
 * Gives the JSON error body to an error response that has none. Jersey answers some refusals itself, past the
 * exception mappers: a {@code Content-Type} or {@code Accept} header it cannot parse is a bare 400.
 */
@Priority(Priorities.ENTITY_CODER)
public final class ErrorsAsJson implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status >= 400 && !response.hasEntity() && !"HEAD".equals(request.getMethod())) {
            String message = status == 400 ? "the request could not be read: a header such as Content-Type or Accept is malformed"
                    : ErrorBody.reason(status);
            response.setEntity(ErrorBody.of(status, message), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
