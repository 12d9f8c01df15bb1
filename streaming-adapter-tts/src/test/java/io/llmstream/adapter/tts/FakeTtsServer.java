package io.llmstream.adapter.tts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local text-to-speech server on 127.0.0.1 with a free port: answers every POST with the configured
 * status, content type and body, written in pieces with a pause between them (chunked; a pause ends early
 * when the server is closed), or breaks the connection off after the pieces; records what it was asked.
 */
final class FakeTtsServer implements AutoCloseable {

    record Received(String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(List.of());
            return values.isEmpty() ? null : values.getFirst();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch aborted = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String contentType = "audio/mpeg";
    private volatile List<byte[]> pieces = List.of();
    private volatile Duration pause = Duration.ZERO;
    private volatile boolean breakOff;

    FakeTtsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    FakeTtsServer answering(int code, String type, List<byte[]> body, Duration pauseBetweenPieces) {
        this.status = code;
        this.contentType = type;
        this.pieces = List.copyOf(body);
        this.pause = pauseBetweenPieces;
        this.breakOff = false;
        return this;
    }

    /** Answers 200 with these pieces of a longer body, then drops the connection as a crashing upstream would. */
    FakeTtsServer breakingOffAfter(String type, List<byte[]> firstPieces) {
        answering(200, type, firstPieces, Duration.ZERO);
        this.breakOff = true;
        return this;
    }

    List<Received> received() {
        return received;
    }

    /** Whether a response was cut off by the client before it was complete. */
    boolean awaitAborted(Duration timeout) throws InterruptedException {
        return aborted.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery(),
                Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (breakOff) {
            exchange.sendResponseHeaders(status, pieces.stream().mapToLong(p -> p.length).sum() + 4096);
            OutputStream out = exchange.getResponseBody();
            for (byte[] piece : pieces) {
                out.write(piece);
                out.flush();
            }
            // thrown out of the handler, it makes the server drop the connection mid-body
            throw new IOException("the fake upstream breaks off its answer");
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte[] piece : pieces) {
                out.write(piece);
                out.flush();
                if (!pause.isZero() && stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (IOException e) {
            aborted.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        server.stop(0);
    }
}
