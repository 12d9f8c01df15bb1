package io.llmstream.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo chat page at {@code GET /} and its scripts and styles under {@code /demo/}, all from the jar (the compiled
 * TypeScript client is committed under {@code web/client}, see ADR "demo page and client in the jar"). Every answer
 * carries a Content-Security-Policy that allows this server's own scripts, styles and connections only.
 */
public final class DemoPage {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
            + "media-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String ROOT = "web/";
    private static final String API_PLACEHOLDER = "{{API_BASE_PATH}}";

    private DemoPage() {
    }

    private static Response page(String type, byte[] body) {
        return Response.ok(body, type)
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .build();
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = DemoPage.class.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name + " of the demo page from the jar failed", e);
        }
    }

    /** {@code GET /}: the page, told where the API is. */
    @Path("/")
    public static final class Index {
        private final byte[] html;

        Index(String apiBasePath) {
            String template = new String(read("index.html").orElseThrow(() -> new IllegalStateException(
                    "the demo page web/index.html is missing from the jar")), StandardCharsets.UTF_8);
            this.html = template.replace(API_PLACEHOLDER, apiBasePath.isEmpty() ? "" : apiBasePath)
                    .getBytes(StandardCharsets.UTF_8);
        }

        @GET
        @Produces(MediaType.TEXT_HTML)
        public Response index() {
            return page(MediaType.TEXT_HTML + ";charset=utf-8", html);
        }
    }

    /** {@code GET /demo/...}: the page's scripts, styles and icon; names are letters, digits and dashes only, so no path escapes. */
    @Path("demo")
    public static final class Assets {
        private static final Map<String, String> TYPES = Map.of("js", "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8",
                "svg", "image/svg+xml");
        private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

        @GET
        @Path("{file: [a-z0-9-]+(/[a-z0-9-]+)?\\.(js|css|svg)}")
        public Response asset(@PathParam("file") String file) {
            byte[] body = cache.computeIfAbsent(file, name -> read(name).orElse(null));
            if (body == null) {
                throw new NotFoundException("no file /demo/" + file);
            }
            return page(TYPES.get(file.substring(file.lastIndexOf('.') + 1)), body);
        }
    }
}
