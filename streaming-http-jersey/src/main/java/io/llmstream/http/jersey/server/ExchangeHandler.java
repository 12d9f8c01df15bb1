package io.llmstream.http.jersey.server;

import io.llmstream.http.jersey.ConnectionLimits;
import io.llmstream.http.jersey.error.JsonCodecErrors;
import io.llmstream.http.jersey.error.JsonErrorPages;
import java.io.CharConversionException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.GenericCloseListener;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;

/**
 * The container's one handler in front of Jersey: refuses in JSON what Jersey could not be asked about (a path with
 * a bad escape, an HTTP version other than 1.x), waits for bodies without a thread ({@link BodyFirst}), and ends an exchange
 * whose client left while its response was held.
 */
final class ExchangeHandler extends HttpHandler {

    private static final System.Logger LOG = System.getLogger(ExchangeHandler.class.getName());

    private final GrizzlyHttpContainer jersey;
    private final BodyFirst bodyFirst;

    ExchangeHandler(GrizzlyHttpContainer jersey, ConnectionLimits limits) {
        super("llmstream");
        this.jersey = jersey;
        this.bodyFirst = new BodyFirst(limits);
        setDecodeUrl(false); // decoded in service(), where a bad escape is a 400 rather than Grizzly's bare 500
    }

    @Override
    public void start() {
        jersey.start();
    }

    @Override
    public void destroy() {
        jersey.destroy();
        bodyFirst.close();
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return bodyFirst;
    }

    @Override
    protected ErrorPageGenerator getErrorPageGenerator(Request request) {
        return JsonErrorPages.INSTANCE;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        Protocol protocol = request.getRequest().getProtocol();
        if (protocol != Protocol.HTTP_1_1 && protocol != Protocol.HTTP_1_0) {
            response.getResponse().setProtocol(Protocol.HTTP_1_1);
            JsonErrorPages.answer(response, 400, protocol == Protocol.HTTP_0_9
                    ? "the request line must be 'METHOD /path HTTP/1.1'" : JsonCodecErrors.UNSUPPORTED_VERSION);
            return;
        }
        if (isTunnel(request)) {
            // Grizzly keeps a tunnel open after the answer: close it once the answer is out
            request.addAfterServiceListener(done -> done.getContext().getConnection().closeSilently());
            JsonErrorPages.answer(response, 405, "this server does not open tunnels");
            return;
        }
        String refusal = refusal(request);
        if (refusal != null) {
            JsonErrorPages.answer(response, 400, refusal);
            return;
        }
        endWhenClientLeaves(request, response);
        try {
            jersey.service(request, response);
        } catch (IllegalArgumentException e) {
            // Jersey builds a java.net.URI of the target; characters a URI cannot hold end here
            JsonErrorPages.answer(response, 400, "the request target is not a valid URI");
        }
    }

    /** CONNECT (and the HTTP/2 preface's PRI) turn the connection into a tunnel whose body never ends. */
    static boolean isTunnel(Request request) {
        String method = request.getRequest().getMethodDC().toString();
        return "CONNECT".equals(method) || "PRI".equals(method);
    }

    private static String refusal(Request request) {
        HttpRequestPacket packet = request.getRequest();
        String target = packet.getRequestURI();
        if (target == null || !(target.startsWith("/") || target.equals("*") || target.regionMatches(true, 0, "http", 0, 4))) {
            return "the request line must be 'METHOD /path HTTP/1.1'";
        }
        try {
            packet.getRequestURIRef().getDecodedRequestURIBC(false);
            return null;
        } catch (CharConversionException | RuntimeException e) {
            return "the request path has an invalid percent-escape or encoding";
        }
    }

    /**
     * Grizzly cancels a held response whose connection closes without running its after-service steps, so its
     * graceful shutdown keeps counting the exchange as active and waits the whole grace period. Cancelling it here
     * first, through {@link Response#cancel()}, completes the exchange (and still never recycles the response a
     * stream may hold).
     */
    private static void endWhenClientLeaves(Request request, Response response) {
        Connection<?> connection = request.getContext().getConnection();
        GenericCloseListener onClose = (closeable, type) -> {
            try {
                if (response.isSuspended()) {
                    response.cancel();
                }
            } catch (IllegalStateException e) {
                LOG.log(Level.DEBUG, "the exchange ended while its client left", e);
            }
        };
        connection.addCloseListener(onClose);
        request.addAfterServiceListener(done -> connection.removeCloseListener(onClose));
    }
}
