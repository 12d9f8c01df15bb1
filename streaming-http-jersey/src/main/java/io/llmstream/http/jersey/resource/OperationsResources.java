package io.llmstream.http.jersey.resource;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.HttpAdapterException;
import io.llmstream.http.jersey.HttpSettings;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Endpoints outside the base path, for operators: health, metrics and the OpenAPI document. */
public final class OperationsResources {

    private OperationsResources() {
    }

    /** {@code /health/live} (the process answers) and {@code /health/ready} (its dependencies are reachable). */
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Health {
        private static final System.Logger LOG = System.getLogger(Health.class.getName());
        private final ReadinessCheck readiness;

        public Health(ReadinessCheck readiness) {
            this.readiness = readiness;
        }

        @GET
        @Path("live")
        public Map<String, Object> live() {
            return Map.of("status", "UP");
        }

        @GET
        @Path("ready")
        public Response ready() {
            Map<String, Boolean> components;
            try {
                components = new TreeMap<>(readiness.components());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the readiness check failed", e);
                return Response.status(503).entity(Map.of("status", "DOWN")).build();
            }
            boolean up = components.values().stream().allMatch(Boolean.TRUE::equals);
            Map<String, String> checks = new LinkedHashMap<>();
            components.forEach((name, ok) -> checks.put(name, Boolean.TRUE.equals(ok) ? "UP" : "DOWN"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "UP" : "DOWN");
            body.put("checks", checks);
            try {
                Map<String, Object> details = readiness.details();
                if (!details.isEmpty()) {
                    body.put("details", new TreeMap<>(details));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the readiness details failed", e);
            }
            return Response.status(up ? 200 : 503).entity(body).build();
        }
    }

    /** {@code /metrics}: the Prometheus text the application supplies. */
    @Path("metrics")
    public static final class Metrics {
        static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
        private final Supplier<String> scrape;

        public Metrics(Supplier<String> scrape) {
            this.scrape = scrape;
        }

        @GET
        public Response scrape() {
            if (scrape == null) {
                throw ApiException.notFound("metrics are not enabled on this server");
            }
            return Response.ok(scrape.get(), PROMETHEUS_TEXT).build();
        }
    }

    /** {@code /openapi.json}: the hand-written OpenAPI document, with the configured base path filled in. */
    @Path("openapi.json")
    public static final class OpenApi {
        static final String RESOURCE = "openapi.json";
        private final String document;

        public OpenApi(HttpSettings settings) {
            try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new HttpAdapterException("the OpenAPI document " + RESOURCE + " is missing from the jar");
                }
                this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("\"url\": \"/api\"", "\"url\": \"" + (settings.basePath().isEmpty() ? "/" : settings.basePath()) + "\"");
            } catch (IOException e) {
                throw new UncheckedIOException("reading the OpenAPI document failed", e);
            }
        }

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public String document() {
            return document;
        }
    }
}
