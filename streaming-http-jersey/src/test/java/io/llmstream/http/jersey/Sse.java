package io.llmstream.http.jersey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Test-side SSE and HTTP/1.1 helpers: a parser of event-stream text and a raw socket client. */
public final class Sse {

    static final ObjectMapper JSON = new ObjectMapper();

    private Sse() {
    }

    /** One event as a client sees it: the lines of its block. */
    public record Event(String id, String data, List<String> lines) {
        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + data, e);
            }
        }

        String type() {
            return json().path("type").asText();
        }
    }

    /** Parses event-stream text into events (blocks without data, such as heartbeats and {@code retry:}, are left out). */
    public static List<Event> parse(String text) {
        List<Event> events = new ArrayList<>();
        for (String block : text.split("\n\n")) {
            List<String> lines = block.lines().filter(l -> !l.isEmpty()).toList();
            List<String> fields = lines.stream().filter(l -> !l.startsWith(":")).toList();
            if (fields.isEmpty()) {
                continue;
            }
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line : fields) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (fields.stream().noneMatch(l -> l.startsWith("data:"))) {
                continue; // not an event: e.g. the retry: field the server sends first
            }
            events.add(new Event(id, data.toString(), fields));
        }
        return events;
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    /** A raw HTTP/1.1 exchange over a socket: the request bytes exactly as written, the response as received. */
    static final class RawClient implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        RawClient(URI root) throws IOException {
            socket = new Socket(root.getHost(), root.getPort());
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        }

        RawClient post(String path, String json) throws IOException {
            return post(path, json, "close");
        }

        /** A POST with the given {@code Connection} header: {@code close}, or {@code keep-alive} to reuse the socket. */
        RawClient post(String path, String json, String connection) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: " + connection
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return this;
        }

        /** A GET that keeps the connection open. */
        RawClient get(String path) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return this;
        }

        /** Reads until the received bytes contain {@code marker}; returns everything received so far. */
        String readUntil(String marker) throws IOException {
            byte[] buffer = new byte[8192];
            while (!received.toString(StandardCharsets.UTF_8).contains(marker)) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("the connection ended before '" + marker + "' arrived; got: " + received);
                }
                received.write(buffer, 0, n);
            }
            return received.toString(StandardCharsets.UTF_8);
        }

        /** Reads to the end of the connection. */
        String readAll() throws IOException {
            received.write(in.readAllBytes());
            return received.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A response as received: status line, headers (lower-case names), body de-chunked. */
    record RawResponse(String statusLine, Map<String, String> headers, String body) {
        static RawResponse of(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            String[] head = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
            }
            String body = raw.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new RawResponse(head[0], headers, body);
        }

        private static String dechunk(String chunked) {
            byte[] bytes = chunked.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int pos = 0;
            while (pos < bytes.length) {
                int lineEnd = indexOf(bytes, pos);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(new String(bytes, pos, lineEnd - pos, StandardCharsets.US_ASCII).strip(), 16);
                if (size == 0) {
                    break;
                }
                out.write(bytes, lineEnd + 2, size);
                pos = lineEnd + 2 + size + 2;
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        private static int indexOf(byte[] bytes, int from) {
            for (int i = from; i < bytes.length - 1; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
