package io.llmstream.app;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/** Counts HTTP responses by method and status (no path label: ids would explode the series). */
final class HttpMetricsFilter implements ContainerResponseFilter {

    private final MeterRegistry registry;

    HttpMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        registry.counter("llmstream.http.requests", "method", request.getMethod(), "status",
                Integer.toString(response.getStatus())).increment();
    }
}
