package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.error.ErrorBody;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.ShutdownEvent;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter;

/**
 * Refuses a WebSocket upgrade to {@code <base>/v1/ws} without valid credentials (401) or from a foreign origin (403)
 * with the API's JSON error body, before Tyrus sees it: Tyrus answers a refused handshake without ending the
 * response, which leaves a client waiting for it. On a graceful shutdown of the listener it ends the open
 * connections ({@link WebSocketConnections#shutDown()}).
 */
final class WebSocketAdmission implements AddOn {

    private final WebSocketEndpoint endpoint;

    WebSocketAdmission(WebSocketEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder chain) {
        int tyrus = chain.indexOfType(GrizzlyServerFilter.class);
        if (tyrus >= 0) {
            chain.add(tyrus, new Filter());
        }
    }

    private final class Filter extends BaseFilter {

        private final AtomicBoolean shutdownSeen = new AtomicBoolean();

        /** The listener's graceful shutdown waits for its WebSocket connections as for its HTTP exchanges. */
        @Override
        public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
            if (event.type() == ShutdownEvent.TYPE && shutdownSeen.compareAndSet(false, true)) {
                ((ShutdownEvent) event).addShutdownTask(() -> {
                    endpoint.connections().shutDown();
                    return this;
                });
            }
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            if (!(ctx.getMessage() instanceof HttpContent content)
                    || !(content.getHttpHeader() instanceof HttpRequestPacket request)
                    || !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                    || !endpoint.path().equals(request.getRequestURI())) {
                return ctx.getInvokeAction();
            }
            try {
                endpoint.admit(headers(request), ctx.getConnection().getPeerAddress() == null ? null
                        : ctx.getConnection().getPeerAddress().toString());
                return ctx.getInvokeAction();
            } catch (WebSocketEndpoint.Refusal refusal) {
                refuse(ctx, request, refusal);
                return ctx.getStopAction();
            }
        }

        private static Map<String, List<String>> headers(HttpRequestPacket request) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String name : request.getHeaders().names()) {
                List<String> values = new ArrayList<>();
                request.getHeaders().values(name).forEach(values::add);
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
            }
            return headers;
        }

        private static void refuse(FilterChainContext ctx, HttpRequestPacket request, WebSocketEndpoint.Refusal refusal) {
            byte[] body = ErrorBody.json(refusal.status(), refusal.getMessage());
            HttpResponsePacket response = request.getResponse();
            response.setProtocol(Protocol.HTTP_1_1);
            response.setStatus(refusal.status());
            response.setReasonPhrase(ErrorBody.reason(refusal.status()));
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.setHeader("Connection", "close");
            if (refusal.challenge() != null) {
                response.setHeader("WWW-Authenticate", refusal.challenge());
            }
            Connection<?> connection = ctx.getConnection();
            HttpContent answer = HttpContent.builder(response)
                    .content(Buffers.wrap(connection.getMemoryManager(), body)).last(true).build();
            ctx.write(answer, closing(connection));
        }
    }

    /** Closes the connection once a write has left (or failed): the last thing said on it. */
    static EmptyCompletionHandler<WriteResult> closing(Connection<?> connection) {
        return new EmptyCompletionHandler<>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable failure) {
                connection.closeSilently();
            }
        };
    }
}
