package io.llmstream.adapter.llm.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 upstream on 127.0.0.1 that writes each response byte for byte from a script: one
 * {@link Handler} per accepted connection (the last one repeats). It records requests and lets a test
 * watch the socket, e.g. to prove that the client closed the connection.
 */
public final class WireServer implements AutoCloseable {

    /** Writes one response. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange exchange) throws Exception;
    }

    /** A request as received. */
    public record Request(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket server;
    private final List<Handler> handlers;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Exchange> exchanges = new LinkedBlockingQueue<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private int accepted;

    private WireServer(List<Handler> handlers) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.handlers = handlers;
        this.acceptor = Thread.ofPlatform().daemon().name("wire-server-accept").start(this::acceptLoop);
    }

    public static WireServer start(Handler... handlers) {
        try {
            return new WireServer(List.of(handlers));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public URI baseUri(String path) {
        return URI.create(baseUri() + path);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized int connections() {
        return accepted;
    }

    /** Failures thrown by handlers (a test may assert there were none). */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** The next exchange whose request has been read, waiting at most {@code timeout}. */
    public Exchange awaitExchange(Duration timeout) throws InterruptedException {
        Exchange exchange = exchanges.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (exchange == null) {
            throw new AssertionError("no request arrived within " + timeout);
        }
        return exchange;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                sockets.add(socket);
                Handler handler;
                synchronized (this) {
                    handler = handlers.get(Math.min(accepted, handlers.size() - 1));
                    accepted++;
                }
                Thread.ofPlatform().daemon().name("wire-server-conn").start(() -> serve(socket, handler));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, Handler handler) {
        try (socket) {
            Exchange exchange = new Exchange(socket, readRequest(socket.getInputStream()));
            requests.add(exchange.request());
            exchanges.add(exchange);
            handler.handle(exchange);
        } catch (Exception | AssertionError e) {
            if (!server.isClosed()) {
                failures.add(e);
            }
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the request head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Request(requestLine[0], requestLine[1], Map.copyOf(headers), body);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the test is over
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the test is over
            }
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One connection: the request read, and the means to write the response. */
    public static final class Exchange {

        private final Socket socket;
        private final Request request;
        private final OutputStream out;
        private final java.util.concurrent.CountDownLatch closedByClient = new java.util.concurrent.CountDownLatch(1);
        private boolean chunked;

        Exchange(Socket socket, Request request) throws IOException {
            this.socket = socket;
            this.request = request;
            this.out = socket.getOutputStream();
        }

        public Request request() {
            return request;
        }

        /** Status line and headers of a chunked response that closes the connection at the end. */
        public Exchange respond(int status, String contentType, String... extraHeaders) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                    .append("\r\nContent-Type: ").append(contentType)
                    .append("\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n");
            for (String header : extraHeaders) {
                head.append(header).append("\r\n");
            }
            head.append("\r\n");
            raw(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            chunked = true;
            return this;
        }

        /** A complete response with a fixed body. */
        public void respondFully(int status, String contentType, String body, String... extraHeaders) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                    .append("\r\nContent-Type: ").append(contentType)
                    .append("\r\nContent-Length: ").append(bytes.length).append("\r\nConnection: close\r\n");
            for (String header : extraHeaders) {
                head.append(header).append("\r\n");
            }
            head.append("\r\n");
            raw(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            raw(bytes);
        }

        /** Body bytes (as one chunk when chunked), flushed at once. */
        public Exchange write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return this;
            }
            if (chunked) {
                raw((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, offset, length);
                raw("\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(bytes, offset, length);
                out.flush();
            }
            return this;
        }

        public Exchange write(byte[] bytes) throws IOException {
            return write(bytes, 0, bytes.length);
        }

        public Exchange write(String text) throws IOException {
            return write(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Body bytes in pieces of {@code pieceSize}, with a pause after each. */
        public Exchange writeSlowly(byte[] bytes, int pieceSize, Duration pause) throws IOException, InterruptedException {
            for (int i = 0; i < bytes.length; i += pieceSize) {
                write(bytes, i, Math.min(pieceSize, bytes.length - i));
                if (!pause.isZero()) {
                    Thread.sleep(pause);
                }
            }
            return this;
        }

        /** Ends a chunked body properly. */
        public void finish() throws IOException {
            if (chunked) {
                raw("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }

        /** Drops the connection with a TCP reset. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /**
         * Keeps the connection open and silent until the client closes it (end of stream or reset seen on
         * our side of the socket) or {@code max} passed; {@link #awaitClientClose} reports what it saw.
         */
        public void stall(Duration max) throws IOException {
            socket.setSoTimeout((int) max.toMillis());
            try {
                if (socket.getInputStream().read() < 0) {
                    closedByClient.countDown();
                }
            } catch (SocketTimeoutException stillOpen) {
                // the client kept the connection: not closed
            } catch (IOException reset) {
                closedByClient.countDown();
            }
        }

        /** Whether the client closed the connection during {@link #stall}, waiting at most {@code timeout}. */
        public boolean awaitClientClose(Duration timeout) throws InterruptedException {
            return closedByClient.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void raw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        private static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 400 -> "Bad Request";
                case 401 -> "Unauthorized";
                case 404 -> "Not Found";
                case 429 -> "Too Many Requests";
                case 500 -> "Internal Server Error";
                case 502 -> "Bad Gateway";
                case 503 -> "Service Unavailable";
                case 529 -> "Overloaded";
                default -> "Status";
            };
        }
    }
}
