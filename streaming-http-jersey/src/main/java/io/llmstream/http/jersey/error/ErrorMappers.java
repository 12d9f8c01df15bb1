package io.llmstream.http.jersey.error;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.AuthenticationException;
import io.llmstream.http.jersey.BodyTooLargeException;
import io.llmstream.core.port.StoreException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Turns every exception that reaches Jersey into the JSON error body; nothing else ever leaves as an error. */
public final class ErrorMappers {

    private static final System.Logger LOG = System.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    /** Refusals the resources decided on. */
    public static final class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return ErrorBody.response(e.status(), e.getMessage(), e.headers(), e.fields());
        }
    }

    /** 401 with the challenge the platform's clients expect. */
    public static final class Authentication implements ExceptionMapper<AuthenticationException> {
        @Override
        public Response toResponse(AuthenticationException e) {
            return ErrorBody.response(401, e.getMessage(), Map.of(HttpHeaders.WWW_AUTHENTICATE, e.challenge()));
        }
    }

    /** The store failed while serving a request outside a stream. */
    public static final class Store implements ExceptionMapper<StoreException> {
        @Override
        public Response toResponse(StoreException e) {
            LOG.log(Level.ERROR, "the store failed while serving a request", e);
            return ErrorBody.response(503, "the store is unavailable; try again later");
        }
    }

    /** What Jersey itself refuses: unknown path, wrong method, wrong content type, unreadable body. */
    public static final class Web implements ExceptionMapper<WebApplicationException> {
        @Context
        private UriInfo uri;
        @Context
        private HttpHeaders headers;

        @Override
        public Response toResponse(WebApplicationException e) {
            BodyTooLargeException tooLarge = Causes.find(e, BodyTooLargeException.class);
            if (tooLarge != null) {
                return ErrorBody.response(413, ApiException.tooLarge(tooLarge.limit()).getMessage());
            }
            Response original = e.getResponse();
            int status = original.getStatus();
            return switch (e) {
                case NotAllowedException notAllowed -> notAllowed(original);
                case NotSupportedException unsupported -> ErrorBody.response(415, unsupported());
                default -> ErrorBody.response(status, messageFor(status));
            };
        }

        private Response notAllowed(Response original) {
            Set<String> allowed = new TreeSet<>(original.getAllowedMethods());
            return ErrorBody.response(405, "method not allowed here; allowed: " + String.join(", ", allowed),
                    Map.of(HttpHeaders.ALLOW, String.join(", ", allowed)));
        }

        private String unsupported() {
            String sent = headers == null ? null : headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
            return sent == null ? "this endpoint needs a Content-Type header; see /openapi.json for what it accepts"
                    : "this endpoint does not accept the content type '" + printable(sent)
                            + "'; see /openapi.json for what it accepts";
        }

        /** The client's own text, echoed: cut short and without control characters. */
        private static String printable(String value) {
            String cut = value.length() > 100 ? value.substring(0, 100) + "..." : value;
            return cut.replaceAll("\\p{Cntrl}", "?");
        }

        private String messageFor(int status) {
            return switch (status) {
                case 404 -> "no endpoint at " + (uri == null ? "this path" : "/" + uri.getPath());
                case 406 -> "this endpoint cannot answer in the media type the Accept header asks for";
                case 400 -> "the request could not be read";
                default -> ErrorBody.reason(status);
            };
        }
    }

    /** Anything else is a bug: logged with its stack trace, answered 500 without it. */
    public static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            BodyTooLargeException tooLarge = Causes.find(e, BodyTooLargeException.class);
            if (tooLarge != null) {
                return ErrorBody.response(413, ApiException.tooLarge(tooLarge.limit()).getMessage());
            }
            if (Causes.isMalformedMultipart(e)) {
                return ErrorBody.response(400, "the multipart body is malformed");
            }
            LOG.log(Level.ERROR, "unexpected failure while serving a request", e);
            return ErrorBody.response(500, "internal error; the details are in the server's log");
        }
    }

    /** Walks cause chains. */
    static final class Causes {
        private Causes() {
        }

        static <T extends Throwable> T find(Throwable e, Class<T> type) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (type.isInstance(t)) {
                    return type.cast(t);
                }
            }
            return null;
        }

        static boolean isMalformedMultipart(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t.getClass().getName().startsWith("org.jvnet.mimepull.")) {
                    return true;
                }
            }
            return false;
        }
    }
}
