package io.llmstream.http.jersey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 over a plain socket, for requests no well-behaved client would send. */
final class RawHttp {

    private RawHttp() {
    }

    /** A response as read off the wire; {@code status} is -1 when the server closed without answering. */
    record Answer(int status, Map<String, String> headers, String body, boolean timedOut, String request) {
        Answer(int status, Map<String, String> headers, String body, boolean timedOut) {
            this(status, headers, body, timedOut, "");
        }

        /** The same answer, printed with the request that got it. */
        Answer described(String sent) {
            return new Answer(status, headers, body, timedOut, sent.replace("\r\n", "\\r\\n"));
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    static Socket open(URI root) throws IOException {
        Socket socket = new Socket(root.getHost(), root.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends the bytes as they are, then reads one response (until its length is complete or the server closes). */
    static Answer exchange(URI root, byte[] request, int timeoutMillis) throws IOException {
        try (Socket socket = open(root)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before the whole request is written
            }
            return read(socket.getInputStream());
        }
    }

    static Answer exchange(URI root, String request) throws IOException {
        return exchange(root, request.getBytes(StandardCharsets.ISO_8859_1), 10_000);
    }

    static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            int headerEnd = -1;
            int length = -1;
            byte[] buffer = new byte[8192];
            while (true) {
                if (headerEnd >= 0 && length >= 0 && received.size() >= headerEnd + length) {
                    break;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                received.write(buffer, 0, n);
                if (headerEnd < 0) {
                    headerEnd = received.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
                    if (headerEnd >= 0) {
                        headerEnd += 4;
                        length = contentLength(received.toString(StandardCharsets.ISO_8859_1).substring(0, headerEnd));
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            return parse(received.toString(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            // connection reset after the answer: parse what arrived
        }
        return parse(received.toString(StandardCharsets.UTF_8), false);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return -1;
    }

    private static Answer parse(String raw, boolean timedOut) {
        int headerEnd = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/") || headerEnd < 0) {
            return new Answer(-1, Map.of(), raw, timedOut);
        }
        String[] lines = raw.substring(0, headerEnd).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(headerEnd + 4), timedOut);
    }
}
