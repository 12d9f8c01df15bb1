package io.llmstream.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local upstream speaking the OpenAI chat-completions streaming wire format byte for byte
 * ({@code data: {...}\n\n} chunks, a usage chunk, {@code data: [DONE]}), with a switchable behaviour.
 * It counts requests and the connections it saw closed by the other side.
 */
final class OpenAiWireUpstream implements AutoCloseable {

    enum Mode { ANSWER, FAIL_MID_STREAM, STALL_AFTER_FIRST, HTTP_500 }

    private final HttpServer server;
    private volatile Mode mode = Mode.ANSWER;
    private volatile List<String> deltas = List.of("KI", " steht", " für", " Künstliche", " Intelligenz", " [1].");
    private volatile Duration delay = Duration.ofMillis(5);
    private volatile Map.Entry<String, List<String>> whenAsked = Map.entry("\u0000never", List.of());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger clientClosed = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    OpenAiWireUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    OpenAiWireUpstream mode(Mode value) {
        this.mode = value;
        return this;
    }

    OpenAiWireUpstream answering(List<String> value, Duration perDelta) {
        this.deltas = value;
        this.delay = perDelta;
        return this;
    }

    /** A request whose body contains {@code marker} (e.g. the translation prompt) is answered with {@code value}. */
    OpenAiWireUpstream answeringWhenAsked(String marker, List<String> value) {
        this.whenAsked = Map.entry(marker, value);
        return this;
    }

    int requests() {
        return requests.get();
    }

    /** Streams that ended because the service closed the connection (write failed). */
    int closedByClient() {
        return clientClosed.get();
    }

    List<String> bodies() {
        return List.copyOf(bodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String request;
        try (InputStream in = exchange.getRequestBody()) {
            request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        bodies.add(request);
        Mode current = mode;
        if (current == Mode.HTTP_500) {
            byte[] body = "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            Map.Entry<String, List<String>> special = whenAsked;
            List<String> script = request.contains(special.getKey()) ? special.getValue() : deltas;
            for (int i = 0; i < script.size(); i++) {
                pause(delay);
                write(out, "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + script.get(i) + "\"},\"finish_reason\":null}]}\n\n");
                if (current == Mode.FAIL_MID_STREAM && i == 1) {
                    write(out, "data: {\"error\":{\"message\":\"Upstream overloaded\",\"type\":\"server_error\",\"code\":\"overloaded\"}}\n\n");
                    return;
                }
                if (current == Mode.STALL_AFTER_FIRST) {
                    // no more tokens; keep-alive comments (as OpenRouter sends) notice when the service hangs up
                    for (int beat = 0; beat < 600; beat++) {
                        pause(Duration.ofMillis(100));
                        write(out, ": keep-alive\n\n");
                    }
                    return;
                }
            }
            write(out, "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
            write(out, "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":6,\"total_tokens\":48}}\n\n");
            write(out, "data: [DONE]\n\n");
        } catch (IOException e) {
            clientClosed.incrementAndGet();
        } finally {
            exchange.close();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
