package io.llmstream.http.jersey;

import io.llmstream.http.jersey.server.GrizzlyServer;
import io.llmstream.http.jersey.server.StreamingApi;
import io.llmstream.http.jersey.wire.SseStreams;
import io.llmstream.http.jersey.wire.WebSocketConnections;
import io.llmstream.http.jersey.wire.WebSocketEndpoint;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.port.LlmStream;
import io.llmstream.core.usecase.StreamingCore;
import io.llmstream.core.usecase.StreamingSettings;
import io.llmstream.testkit.InMemoryKnowledgeBase;
import io.llmstream.testkit.InMemoryStore;
import io.llmstream.testkit.ScriptedLlmStream;
import io.llmstream.testkit.TestStreamingCore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.server.ResourceConfig;

/** The API on Grizzly at 127.0.0.1 on a free port, over the core wired with the testkit's fakes. */
final class TestServer implements AutoCloseable {

    final InMemoryStore store = new InMemoryStore();
    final InMemoryKnowledgeBase knowledge = new InMemoryKnowledgeBase();
    final SwitchableLlm llm = new SwitchableLlm(ScriptedLlmStream.thatStreams("Hallo", " Welt"));
    final StreamingCore core;
    final HttpServer server;
    final URI root;
    /** The WebSocket connections the server holds (every {@link StreamingApi} serves {@code /v1/ws}). */
    final WebSocketConnections webSockets;
    /** The API's SSE streams, whose subscriber threads tests await. */
    final SseStreams sseStreams;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** With no detach grace: a client that leaves ends its stream at once, as most tests here expect. */
    TestServer(HttpSettings settings, UnaryOperator<StreamingApi.Builder> customise) {
        this(settings, customise, UnaryOperator.identity());
    }

    TestServer(HttpSettings settings, UnaryOperator<StreamingApi.Builder> customise,
            UnaryOperator<ConnectionLimits> connection) {
        this(settings, customise, connection, StreamingSettings.defaults().withDetachGrace(Duration.ZERO),
                io.llmstream.core.usecase.InMemoryStreamEventLog.withDefaults());
    }

    TestServer(HttpSettings settings, UnaryOperator<StreamingApi.Builder> customise, StreamingSettings streaming,
            io.llmstream.core.port.StreamEventLog log) {
        this(settings, customise, UnaryOperator.identity(), streaming, log);
    }

    TestServer(HttpSettings settings, UnaryOperator<StreamingApi.Builder> customise, UnaryOperator<ConnectionLimits> connection,
            StreamingSettings streaming, io.llmstream.core.port.StreamEventLog log) {
        core = TestStreamingCore.wiredWith(llm, store, knowledge).settings(streaming).streamLog(log).build();
        ResourceConfig api = customise.apply(StreamingApi.builder(core).settings(settings)).build();
        webSockets = ((WebSocketEndpoint) api.getProperty(WebSocketEndpoint.PROPERTY)).connections();
        sseStreams = (SseStreams) api.getProperty(SseStreams.PROPERTY);
        server = GrizzlyServer.create(URI.create("http://127.0.0.1:0/"), api, connection.apply(ConnectionLimits.defaults(settings)));
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException("the test server did not start", e);
        }
        root = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/");
    }

    static TestServer start(Duration heartbeat) {
        return new TestServer(HttpSettings.defaults().withHeartbeatInterval(heartbeat), b -> b);
    }

    URI uri(String path) {
        return root.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    HttpResponse<String> postJson(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    @Override
    public void close() {
        server.shutdownNow();
        core.close(Duration.ofSeconds(5));
    }

    /** Lets each test pick the script of the LLM behind one long-lived server. */
    static final class SwitchableLlm implements LlmStream {
        private volatile ScriptedLlmStream delegate;

        SwitchableLlm(ScriptedLlmStream delegate) {
            this.delegate = delegate;
        }

        ScriptedLlmStream script(ScriptedLlmStream next) {
            this.delegate = next;
            return next;
        }

        ScriptedLlmStream current() {
            return delegate;
        }

        @Override
        public Set<String> providers() {
            return delegate.providers();
        }

        @Override
        public Completion open(CompletionRequest request) {
            return delegate.open(request);
        }
    }
}
