package io.llmstream.http.jersey.error;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** The JSON error body for the answers Grizzly itself gives (shutting down, internal failure), never an HTML page. */
public final class JsonErrorPages implements ErrorPageGenerator {

    public static final JsonErrorPages INSTANCE = new JsonErrorPages();
    private static final System.Logger LOG = System.getLogger(JsonErrorPages.class.getName());

    private JsonErrorPages() {
    }

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        if (status >= 500 && status != 503) {
            LOG.log(Level.ERROR, "the container failed while serving a request", exception);
        }
        request.getResponse().setContentType("application/json");
        String message = switch (status) {
            case 503 -> "the server is shutting down; try again later";
            case 413 -> "the request body is too large";
            default -> status >= 500 ? "internal error; the details are in the server's log" : ErrorBody.reason(status);
        };
        return new String(ErrorBody.json(status, message), StandardCharsets.UTF_8);
    }

    /** Writes a JSON error as the whole response and closes the connection after it. */
    public static void answer(Response response, int status, String message) throws IOException {
        if (response.getRequest().getRequest().getProtocol() == Protocol.HTTP_0_9) {
            // Grizzly writes no Content-Type for an HTTP/0.9 request; this answer is HTTP/1.1 all the same
            response.getResponse().getHeaders().addValue("Content-Type").setString("application/json");
        }
        byte[] body = ErrorBody.json(status, message);
        response.setStatus(status, ErrorBody.reason(status));
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.setHeader("Connection", "close");
        response.getOutputStream().write(body);
    }
}
