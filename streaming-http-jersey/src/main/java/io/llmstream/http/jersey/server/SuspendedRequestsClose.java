package io.llmstream.http.jersey.server;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Every answer of an endpoint that suspends its request ({@link Suspended} {@code AsyncResponse}: the streaming
 * {@code POST}s, {@code GET …/events} and {@code …/audio}) closes its connection ({@code Connection: close}): the held
 * stream as well as the JSON error or {@code 204} given instead of it, so the client's next request opens a new one.
 *
 * <p>Why: such an answer is mostly given on another thread (a stream's subscriber resumes the request), and a request
 * sent on the kept-alive connection right after it was at times never read: no answer until the 30 s idle timeout,
 * then EOF (about one follow refusal in seven in a test's loop; answers given on the request's own thread were not
 * seen to). A held stream's connection is besides read by {@code PeerClose} for the client's close. One place for
 * all of them, bound at deployment to the methods that take an {@code AsyncResponse}, so that a new way to answer a
 * suspended request cannot forget it; a streaming client opens a connection per stream anyway.
 */
final class SuspendedRequestsClose implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (suspends(resource.getResourceMethod())) {
            context.register(new Close());
        }
    }

    private static boolean suspends(Method method) {
        return method != null && Arrays.stream(method.getParameterAnnotations()).flatMap(Arrays::stream)
                .map(Annotation::annotationType).anyMatch(Suspended.class::equals);
    }

    /** Bound to the suspending endpoints only. */
    private static final class Close implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }
}
