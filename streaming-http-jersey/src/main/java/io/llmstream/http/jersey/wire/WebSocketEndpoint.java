package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.AuthenticationException;
import io.llmstream.http.jersey.HttpAdapterException;
import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.WebSocketSettings;
import io.llmstream.http.jersey.security.Authenticator;
import io.llmstream.http.jersey.security.CallerFilter;
import io.llmstream.http.jersey.security.CallerRequest;
import io.llmstream.http.jersey.security.RateLimiter;
import io.llmstream.http.jersey.server.GrizzlyServer;
import io.llmstream.core.port.in.ControlStream;
import io.llmstream.core.port.in.FollowStream;
import io.llmstream.core.port.in.StreamChatMessage;
import io.llmstream.core.port.in.StreamConversationAudio;
import io.llmstream.core.port.in.StreamConversationMessage;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.concurrent.ScheduledExecutorService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.HandshakeException;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * {@code GET <base>/v1/ws}: the stream API over WebSocket, on the HTTP API's own Grizzly listener (Tyrus's Grizzly
 * filter as an add-on before the HTTP filter, so upgrades never reach Jersey). The upgrade is authenticated like an
 * API request, from {@code Authorization} or a {@code bearer.<token>} subprotocol (echoed), and refused 401 without
 * valid credentials, 403 from a foreign origin. Carried by the Jersey application as property {@link #PROPERTY},
 * which {@link GrizzlyServer} installs.
 */
public final class WebSocketEndpoint {

    public static final String PROPERTY = "io.llmstream.websocket";
    static final String OWNER = "io.llmstream.ws.owner";
    static final String CALLER = "io.llmstream.ws.caller";
    private static final String BEARER_PROTOCOL = "bearer.";

    private final StreamChatMessage chats;
    private final StreamConversationMessage conversations;
    private final FollowStream follow;
    private final StreamConversationAudio speaking;
    private final ControlStream control;
    private final Authenticator authenticator;
    private final RateLimiter limiter;
    private final SseStreams streams;
    private final HttpSettings http;
    private final WebSocketSettings settings;
    private final WebSocketConnections connections = new WebSocketConnections();

    public WebSocketEndpoint(StreamChatMessage chats, StreamConversationMessage conversations, FollowStream follow,
            StreamConversationAudio speaking, ControlStream control, Authenticator authenticator, RateLimiter limiter, SseStreams streams, HttpSettings http,
            WebSocketSettings settings) {
        this.chats = chats;
        this.conversations = conversations;
        this.follow = follow;
        this.speaking = speaking;
        this.control = control;
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.streams = streams;
        this.http = http;
        this.settings = settings;
    }

    String path() {
        return http.basePath() + "/v1/ws";
    }

    /** Adds the endpoint to the listener; before the server starts. */
    public void install(NetworkListener listener) {
        // the session's limit closes 1009 once a frame is read whole; Tyrus's read buffer must hold such a frame to
        // get there (a frame larger than the buffer is closed 1011 instead), so it is four times the limit
        Container container = new Container((int) Math.min(Integer.MAX_VALUE - 64, 4L * settings.maxFrameBytes() + 64));
        try {
            container.register(ServerEndpointConfig.Builder.create(WebSocketConnection.class, path())
                    .configurator(new Handshake()).build());
        } catch (DeploymentException e) {
            throw new HttpAdapterException("the WebSocket endpoint " + path() + " could not be deployed", e);
        }
        listener.registerAddOn(new WebSocketAddOn(container, ""));
        listener.registerAddOn(new WebSocketAdmission(this)); // placed before Tyrus's filter
        listener.registerAddOn(new MaskedFramesOnly()); // likewise
    }

    StreamChatMessage chats() {
        return chats;
    }

    StreamConversationMessage conversations() {
        return conversations;
    }

    FollowStream follow() {
        return follow;
    }

    StreamConversationAudio speaking() {
        return speaking;
    }

    ControlStream control() {
        return control;
    }

    RateLimiter limiter() {
        return limiter;
    }

    StreamSlots slots() {
        return streams.slots();
    }

    /** The timer of the SSE streams, which beats the WebSocket heartbeats too. */
    ScheduledExecutorService heartbeats() {
        return streams.heartbeats();
    }

    HttpSettings http() {
        return http;
    }

    WebSocketSettings settings() {
        return settings;
    }

    public WebSocketConnections connections() {
        return connections;
    }

    /**
     * Who opens a connection with these (lower-case) upgrade headers.
     *
     * @throws Refusal 401 without valid credentials, 403 from a foreign origin
     */
    String admit(Map<String, List<String>> headers, String remoteAddress) {
        checkOrigin(headers);
        Map<String, List<String>> withToken = new LinkedHashMap<>(headers);
        String protocol = bearerProtocol(headers);
        if (protocol != null && !headers.containsKey("authorization")) {
            withToken.put("authorization", List.of("Bearer " + protocol.substring(BEARER_PROTOCOL.length())));
        }
        try {
            return CallerFilter.checkedOwner(authenticator.authenticate(caller(withToken, remoteAddress)));
        } catch (AuthenticationException e) {
            throw new Refusal(401, e.getMessage(), e.challenge());
        }
    }

    CallerRequest caller(Map<String, List<String>> headers, String remoteAddress) {
        return new CallerRequest("GET", path(), headers, remoteAddress == null ? "unknown" : remoteAddress);
    }

    /** Browsers send Origin: only the server's own, loopback and configured origins may open a connection. */
    private void checkOrigin(Map<String, List<String>> headers) {
        String origin = first(headers, "origin");
        if (origin == null || settings.allowedOrigins().contains(origin)) {
            return;
        }
        try {
            URI uri = URI.create(origin);
            String host = uri.getHost();
            String authority = uri.getAuthority();
            if (host != null && (Set.of("localhost", "127.0.0.1", "[::1]", "::1").contains(host)
                    || authority != null && authority.equalsIgnoreCase(first(headers, "host")))) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // a malformed origin is a foreign one
        }
        throw new Refusal(403, "this origin may not open a WebSocket here; see WS_ALLOWED_ORIGINS", null);
    }

    static String bearerProtocol(Map<String, List<String>> headers) {
        for (String value : headers.getOrDefault("sec-websocket-protocol", List.of())) {
            for (String protocol : value.split(",")) {
                if (protocol.strip().startsWith(BEARER_PROTOCOL)) {
                    return protocol.strip();
                }
            }
        }
        return null;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** An upgrade that is answered with an HTTP error instead. */
    static final class Refusal extends HttpAdapterException {
        private final int status;
        private final transient String challenge;

        Refusal(int status, String message, String challenge) {
            super(message);
            this.status = status;
            this.challenge = challenge;
        }

        int status() {
            return status;
        }

        /** {@code WWW-Authenticate} of a 401, else null. */
        String challenge() {
            return challenge;
        }
    }

    /**
     * Resolves the owner for Tyrus (the {@link WebSocketAdmission} filter before it has already refused what fails)
     * and makes one connection object per connection.
     */
    private final class Handshake extends ServerEndpointConfig.Configurator {

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            String remote = request instanceof RequestContext context ? context.getRemoteAddr() : null;
            String owner;
            try {
                owner = admit(headers, remote);
            } catch (Refusal refusal) {
                throw WebSocketEndpoint.<RuntimeException>sneaky(new HandshakeException(refusal.status(), refusal.getMessage()));
            }
            String protocol = bearerProtocol(headers);
            if (protocol != null) {
                response.getHeaders().put(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL, List.of(protocol));
            }
            // Tyrus gives each handshake its own copy of these properties (TYRUS-62), handed to onOpen
            config.getUserProperties().put(OWNER, owner);
            config.getUserProperties().put(CALLER, caller(headers, remote));
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new WebSocketConnection(WebSocketEndpoint.this));
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable failure) throws E {
        throw (E) failure;
    }

    /** Tyrus's server container without a server of its own: the engine behind the add-on. */
    private static final class Container extends TyrusServerContainer {
        private final TyrusWebSocketEngine engine;

        Container(int maxFrameBytes) {
            super((Set<Class<?>>) null);
            this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(maxFrameBytes).build();
        }

        @Override
        public void register(Class<?> endpointClass) throws DeploymentException {
            engine.register(endpointClass, "");
        }

        @Override
        public void register(ServerEndpointConfig config) throws DeploymentException {
            engine.register(config, "");
        }

        @Override
        public WebSocketEngine getWebSocketEngine() {
            return engine;
        }

        @Override
        public Map<String, Object> getProperties() {
            return Map.of();
        }
    }
}
