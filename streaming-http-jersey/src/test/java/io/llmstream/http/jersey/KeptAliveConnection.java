package io.llmstream.http.jersey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection over a plain socket on which several requests go out one after the other, as a client's
 * connection pool reuses a kept-alive connection: each answer is read to its exact end (Content-Length, chunked, or
 * none for 204), so that what the server does with the connection afterwards can be told apart.
 */
final class KeptAliveConnection implements AutoCloseable {

    /** How a request on the connection ended. */
    enum Ending { ANSWERED, CLOSED, TIMED_OUT }

    /** An answer as read off the wire; {@code status} is -1 unless {@code ending} is {@link Ending#ANSWERED}. */
    record Answer(Ending ending, int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The server said it closes the connection after this answer. */
        boolean closesConnection() {
            return "close".equalsIgnoreCase(header("Connection"));
        }
    }

    private final Socket socket;
    private final InputStream in;

    KeptAliveConnection(URI root, Duration readTimeout) throws IOException {
        socket = new Socket(root.getHost(), root.getPort());
        socket.setSoTimeout((int) readTimeout.toMillis());
        in = socket.getInputStream();
    }

    /** Sends a request (without {@code Connection: close}) and reads its answer. */
    Answer exchange(String method, String path, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                + (json == null && method.equals("POST") ? "Content-Length: 0\r\n" : "") + "\r\n";
        try {
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            return new Answer(Ending.CLOSED, -1, Map.of(), "");
        }
        return read();
    }

    private Answer read() throws IOException {
        try {
            String headText = readHead();
            if (headText == null) {
                return new Answer(Ending.CLOSED, -1, Map.of(), "");
            }
            String[] lines = headText.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            String body;
            if (status == 204 || status == 304) {
                body = "";
            } else if (headers.containsKey("content-length")) {
                body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = readChunked();
            } else {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(Ending.ANSWERED, status, headers, body);
        } catch (SocketTimeoutException e) {
            return new Answer(Ending.TIMED_OUT, -1, Map.of(), "");
        }
    }

    /** The status line and headers, or null when the server closed the connection before a byte of them. */
    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                b = -1; // reset: closed
            }
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("the connection ended inside a response head: " + head);
            }
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text.substring(0, text.length() - 4);
            }
        }
    }

    private String readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine().strip(), 16);
            if (size == 0) {
                readLine();
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
