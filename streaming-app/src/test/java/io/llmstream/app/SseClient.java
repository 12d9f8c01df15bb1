package io.llmstream.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An SSE client reading one response event by event as it arrives; closing it drops the connection. */
final class SseClient implements AutoCloseable {

    /** One event: its id (0 when it had none) and its data. */
    record Event(long id, JsonNode data) {
        String type() {
            return data.get("type").asText();
        }
    }

    private final HttpClient client;
    private final HttpResponse<InputStream> response;
    private final BufferedReader reader;
    private final List<Event> seen = new ArrayList<>();

    private SseClient(HttpClient client, HttpResponse<InputStream> response) {
        this.client = client;
        this.response = response;
        this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    static SseClient post(URI uri, String json) throws IOException, InterruptedException {
        return open(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static SseClient get(URI uri, long lastEventId) throws IOException, InterruptedException {
        return open(HttpRequest.newBuilder(uri).header("Last-Event-ID", Long.toString(lastEventId)).GET().build());
    }

    private static SseClient open(HttpRequest request) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            client.close();
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + body);
        }
        return new SseClient(client, response);
    }

    String streamId() {
        return response.headers().firstValue("X-Stream-Id").orElseThrow();
    }

    /** The next event; fails when the response ends first. */
    Event next() throws IOException {
        long id = 0;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    Event event = new Event(id, AppFixture.JSON.readTree(data.toString()));
                    seen.add(event);
                    return event;
                }
            } else if (line.startsWith("id: ")) {
                id = Long.parseLong(line.substring(4));
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
        throw new AssertionError("the stream ended before its next event; seen: " + seen);
    }

    /** Reads up to and including the final event ({@code done} or {@code error}). */
    Event untilFinal() throws IOException {
        while (true) {
            Event event = next();
            if (event.type().equals("done") || event.type().equals("error")) {
                return event;
            }
        }
    }

    /** Every event read so far. */
    List<Event> seen() {
        return List.copyOf(seen);
    }

    String chunkText() {
        StringBuilder text = new StringBuilder();
        seen.stream().filter(e -> e.type().equals("chunk")).forEach(e -> text.append(e.data().get("content").asText()));
        return text.toString();
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // dropping the connection is the point
        }
        client.shutdownNow();
    }
}
