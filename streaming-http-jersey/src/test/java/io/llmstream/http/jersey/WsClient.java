package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JDK WebSocket client over a real socket that collects the server's frames as JSON. */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    /** How the server closed the connection. */
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final HttpClient http = HttpClient.newHttpClient();
    private WebSocket socket;
    private volatile boolean stalled;
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();

    static WsClient connect(URI uri, String authorization) throws Exception {
        WsClient client = new WsClient();
        WebSocket.Builder builder = client.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        client.socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    static WsClient connectWithSubprotocol(URI uri, String protocol) throws Exception {
        WsClient client = new WsClient();
        client.socket = client.http.newWebSocketBuilder().subprotocols(protocol).buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** From the next frame on, reads nothing more until {@link #drain}: the server's frames back up. */
    WsClient stall() {
        stalled = true;
        return this;
    }

    WsClient drain() {
        stalled = false;
        socket.request(Long.MAX_VALUE);
        return this;
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    WsClient send(String json) {
        socket.sendText(json, true).join();
        return this;
    }

    /** The next frame; fails after five seconds without one. */
    JsonNode next() throws InterruptedException {
        JsonNode frame = frames.poll(5, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within five seconds").isNotNull();
        return frame;
    }

    /** The next frame of a type, skipping others. */
    JsonNode next(String type) throws InterruptedException {
        return nextMatching(f -> type.equals(f.path("type").asText()));
    }

    JsonNode nextMatching(Predicate<JsonNode> wanted) throws InterruptedException {
        while (true) {
            JsonNode frame = next();
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** The frames of one stream up to and including its final event (done or error). */
    List<JsonNode> streamToTheEnd(String streamId) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            JsonNode frame = nextMatching(f -> streamId.equals(f.path("stream_id").asText()) && f.has("id"));
            events.add(frame);
            String type = frame.path("type").asText();
            if (type.equals("done") || type.equals("error")) {
                return events;
            }
        }
    }

    Closed awaitClose() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(Sse.json(partial.toString()));
            partial.setLength(0);
        }
        if (!stalled) {
            webSocket.request(1);
        }
        return null;
    }

    /** The JDK answers each ping with a pong by itself. */
    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
        pings.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    int pings() {
        return pings.get();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    static WsClient connectFrom(URI uri, String authorization, String origin) throws Exception {
        WsClient client = new WsClient();
        client.socket = client.http.newWebSocketBuilder().header("Authorization", authorization).header("Origin", origin)
                .buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
        http.close();
    }
}
