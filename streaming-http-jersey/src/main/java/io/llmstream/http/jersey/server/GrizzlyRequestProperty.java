package io.llmstream.http.jersey.server;

import io.llmstream.http.jersey.wire.JerseyHeldResponse;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.glassfish.grizzly.http.server.Request;

/**
 * Leaves the Grizzly request of every request under {@link JerseyHeldResponse#GRIZZLY_REQUEST}, so that a stream started
 * on another thread can write its SSE response straight to Grizzly and watch the connection; absent outside
 * Grizzly.
 */
public final class GrizzlyRequestProperty implements ContainerRequestFilter {

    @Inject
    private Provider<Request> grizzlyRequest;

    @Override
    public void filter(ContainerRequestContext context) {
        try {
            Request request = grizzlyRequest == null ? null : grizzlyRequest.get();
            if (request != null) {
                context.setProperty(JerseyHeldResponse.GRIZZLY_REQUEST, request);
            }
        } catch (RuntimeException e) {
            // not running in Grizzly: streams then write through Jersey
        }
    }
}
