package io.llmstream.http.jersey.server;

import io.llmstream.http.jersey.ConnectionLimits;
import io.llmstream.http.jersey.error.JsonCodecErrors;
import io.llmstream.http.jersey.error.JsonErrorPages;
import io.llmstream.http.jersey.wire.WebSocketEndpoint;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The Grizzly server of the API, not yet started, rooted at {@code /} of its URI. Beyond what
 * {@code GrizzlyHttpServerFactory} builds: every answer the container gives itself is the JSON error body, bodies are
 * collected without a thread and within a deadline, headers may hold the documented 16 KiB token, a client that
 * leaves never holds up a graceful shutdown, an offered cleartext HTTP/2 upgrade is served as HTTP/1.1, and an API
 * built by {@link StreamingApi} also answers WebSocket upgrades at {@code <base>/v1/ws} on the same listener.
 */
public final class GrizzlyServer {

    private GrizzlyServer() {
    }

    public static HttpServer create(URI uri, ResourceConfig api, ConnectionLimits limits) {
        NetworkListener listener = new NetworkListener("grizzly", uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
        // non-daemon workers, as GrizzlyHttpServerFactory makes them: a started server keeps the JVM alive
        listener.getTransport().getWorkerThreadPoolConfig().setDaemon(false).setPoolName("grizzly-http-server");
        listener.setMaxHttpHeaderSize(limits.maxHeaderBytes());
        listener.setDefaultErrorPageGenerator(JsonErrorPages.INSTANCE);
        listener.registerAddOn(new IgnoreH2cUpgrade());
        listener.registerAddOn(new JsonCodecErrors());
        if (api.getProperty(WebSocketEndpoint.PROPERTY) instanceof WebSocketEndpoint webSocket) {
            webSocket.install(listener); // the same listener and port as the HTTP API, not a second server
        }
        HttpServer server = new HttpServer();
        server.addListener(listener);
        ServerConfiguration config = server.getServerConfiguration();
        config.setPassTraceRequest(true);
        config.setDefaultQueryEncoding(StandardCharsets.UTF_8);
        config.setDefaultErrorPageGenerator(JsonErrorPages.INSTANCE);
        config.addHttpHandler(new ExchangeHandler(ContainerFactory.createContainer(GrizzlyHttpContainer.class, api), limits),
                HttpHandlerRegistration.ROOT);
        return server;
    }
}
