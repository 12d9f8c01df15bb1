package io.llmstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Locale;

/**
 * The floor of issue 19: the least work that turns the upstream's OpenAI SSE into the service's chunk events over
 * HTTP — one platform thread, one selector, non-blocking sockets, no framework, no database, no JSON library, no
 * stream log, no persistence. It speaks just enough of the service's API for the harness to run the same load against
 * it: {@code POST /api/v1/chats}, {@code POST /api/sse/<chat>/stream} (answered with {@code chunk} events and a
 * {@code done} event carrying the whole text, close-delimited), {@code GET /health/ready} and the heap lines of
 * {@code GET /metrics}. Upstream connections are kept alive and reused, as the service's HTTP client does. Started
 * by the harness as a child process like the service ({@code java -cp streaming-bench.jar io.llmstream.bench.BareRelay},
 * configured by {@code HTTP_PORT} and {@code OPENAI_BASE_URL}); it prints {@code listening on http://127.0.0.1:<port>}.
 */
public final class BareRelay implements AutoCloseable {

    private static final byte[] SSE_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNK_PREFIX = "\nevent: chunk\ndata: {\"type\":\"chunk\",\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE_PREFIX = "\nevent: done\ndata: {\"type\":\"done\",\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\"}\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_KEY = "\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_KEY = "\"message\":\"".getBytes(StandardCharsets.US_ASCII);

    private final Selector selector;
    private final ServerSocketChannel server;
    private final InetSocketAddress upstreamAddress;
    private final String upstreamPath;
    private final ArrayDeque<Upstream> idle = new ArrayDeque<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private long chats;

    BareRelay(int port, URI upstreamBase) throws IOException {
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.upstreamAddress = new InetSocketAddress(upstreamBase.getHost(), upstreamBase.getPort());
        this.upstreamPath = upstreamBase.getPath() + "/chat/completions";
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** Runs the relay until the process is killed. */
    public static void main(String[] args) throws IOException {
        String base = System.getenv("OPENAI_BASE_URL");
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("OPENAI_BASE_URL must name the upstream, e.g. http://127.0.0.1:8081/v1");
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("HTTP_PORT", "0"));
        BareRelay relay = new BareRelay(port, URI.create(base));
        System.out.println("bare relay listening on http://127.0.0.1:" + relay.port());
        System.out.flush();
        relay.run();
    }

    /** The selector loop, until the thread is interrupted or the selector closed. */
    void run() throws IOException {
        while (!Thread.currentThread().isInterrupted() && selector.isOpen()) {
            try {
                selector.select();
            } catch (java.nio.channels.ClosedSelectorException e) {
                return;
            }
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                try {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.attachment() instanceof Client client) {
                        client.ready(key);
                    } else if (key.attachment() instanceof Upstream upstream) {
                        upstream.ready(key);
                    }
                } catch (IOException | RuntimeException e) {
                    if (key.attachment() instanceof Client client) {
                        client.close();
                    } else if (key.attachment() instanceof Upstream upstream) {
                        upstream.fail();
                    }
                }
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Client client = new Client(channel);
            client.key = channel.register(selector, SelectionKey.OP_READ, client);
        }
    }

    /** One client connection: its request, then (for a stream) the events, close-delimited. */
    private final class Client {
        final SocketChannel channel;
        SelectionKey key;
        byte[] request = new byte[1024];
        int requestLength;
        final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
        Upstream upstream;
        boolean closeWhenFlushed;
        long nextEventId;

        Client(SocketChannel channel) {
            this.channel = channel;
        }

        void ready(SelectionKey key) throws IOException {
            if (key.isWritable()) {
                flush();
            }
            if (key.isValid() && key.isReadable()) {
                read();
            }
        }

        private void read() throws IOException {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                close();
                return;
            }
            if (upstream != null || n == 0) {
                return; // nothing more is expected from a client whose stream runs
            }
            readBuffer.flip();
            if (requestLength + n > request.length) {
                request = java.util.Arrays.copyOf(request, Math.max(request.length * 2, requestLength + n));
            }
            readBuffer.get(request, requestLength, n);
            requestLength += n;
            int headEnd = indexOf(request, requestLength, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            if (headEnd < 0) {
                return;
            }
            String head = new String(request, 0, headEnd, StandardCharsets.US_ASCII);
            int bodyStart = headEnd + 4;
            int length = contentLength(head);
            if (requestLength - bodyStart < length) {
                return;
            }
            handle(head.substring(0, head.indexOf('\r')), bodyStart, length);
        }

        private void handle(String requestLine, int bodyStart, int length) throws IOException {
            if (requestLine.startsWith("POST /api/sse/") && requestLine.contains("/stream ")) {
                int at = indexOf(request, bodyStart + length, MESSAGE_KEY, bodyStart);
                if (at < 0) {
                    respond("400 Bad Request", "{\"error\":\"no message\"}");
                    return;
                }
                int from = at + MESSAGE_KEY.length;
                int to = endOfJsonString(request, from, bodyStart + length);
                write(SSE_HEAD, 0, SSE_HEAD.length);
                upstream = idle.isEmpty() ? new Upstream() : idle.pop();
                upstream.start(this, new String(request, from, to - from, StandardCharsets.UTF_8));
            } else if (requestLine.startsWith("POST /api/v1/chats ")) {
                respond("201 Created", "{\"chat_id\":\"bare-" + (++chats) + "\"}");
            } else if (requestLine.startsWith("GET /health/ready ")) {
                respond("200 OK", "{\"status\":\"UP\"}");
            } else if (requestLine.startsWith("GET /metrics ")) {
                respond("200 OK", heapMetrics());
            } else {
                respond("404 Not Found", "{\"error\":\"not part of the bare relay\"}");
            }
        }

        private void respond(String status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("HTTP/1.1 " + status + "\r\nContent-Type: " + (body.startsWith("{") ? "application/json" : "text/plain")
                    + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            write(head, 0, head.length);
            write(bytes, 0, bytes.length);
            closeWhenFlushed = true;
            if (pending.isEmpty()) {
                close();
            }
        }

        /** One event: {@code id: <n>}, the prefix, the content as the upstream escaped it, the end. */
        void event(byte[] prefix, byte[] content, int from, int to) throws IOException {
            writeBuffer.clear();
            writeBuffer.put((byte) 'i').put((byte) 'd').put((byte) ':').put((byte) ' ');
            putLong(writeBuffer, ++nextEventId);
            writeBuffer.put(prefix).put(content, from, to - from).put(EVENT_END).flip();
            channel.write(writeBuffer);
            if (writeBuffer.hasRemaining()) {
                ByteBuffer rest = ByteBuffer.allocate(writeBuffer.remaining());
                rest.put(writeBuffer).flip();
                queue(rest);
            }
        }

        void write(byte[] bytes, int from, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, from, length);
            if (pending.isEmpty()) {
                channel.write(buffer);
            }
            if (buffer.hasRemaining()) {
                ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
                copy.put(buffer).flip();
                queue(copy);
            }
        }

        private void queue(ByteBuffer rest) {
            pending.add(rest);
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }

        private void flush() throws IOException {
            while (!pending.isEmpty()) {
                ByteBuffer head = pending.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    return;
                }
                pending.pop();
            }
            key.interestOps(SelectionKey.OP_READ);
            if (closeWhenFlushed) {
                close();
            }
        }

        void end() throws IOException {
            upstream = null;
            closeWhenFlushed = true;
            if (pending.isEmpty()) {
                close();
            }
        }

        void close() {
            key.cancel();
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
            if (upstream != null) {
                upstream.abandon(); // the client left mid-stream: the upstream response is cut, as the service cancels it
                upstream = null;
            }
        }
    }

    /** Where the decoder of an upstream response is. */
    private enum Part { HEAD, SIZE, DATA, DATA_END, TRAILER }

    /** One kept-alive upstream connection: the request, then the chunked SSE response decoded on the fly. */
    private final class Upstream {
        SocketChannel channel;
        SelectionKey key;
        Client client;
        byte[] request;
        Part part = Part.HEAD;
        int headMatch; // how much of CR LF CR LF (the end of the response head) was just seen
        int chunkLeft;
        long size;
        boolean lineEmpty = true; // the trailer ends with an empty line
        byte[] line = new byte[512]; // the SSE line being read
        int lineLength;
        byte[] text = new byte[256]; // the answer so far, as the upstream escaped it, for the done event
        int textLength;
        boolean done;

        void start(Client owner, String message) throws IOException {
            client = owner;
            done = false;
            textLength = 0;
            lineLength = 0;
            part = Part.HEAD;
            headMatch = 0;
            String body = "{\"model\":\"bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + message + "\"}]}";
            byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + upstreamPath + " HTTP/1.1\r\nHost: " + upstreamAddress.getHostString() + ":"
                    + upstreamAddress.getPort() + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer bench\r\nContent-Length: " + bodyBytes.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            request = new byte[headBytes.length + bodyBytes.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(bodyBytes, 0, request, headBytes.length, bodyBytes.length);
            if (channel == null) {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (channel.connect(upstreamAddress)) {
                    key = channel.register(selector, SelectionKey.OP_READ, this);
                    send();
                } else {
                    key = channel.register(selector, SelectionKey.OP_CONNECT, this);
                }
            } else {
                send();
            }
        }

        private void send() throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(request);
            channel.write(buffer);
            if (buffer.hasRemaining()) {
                throw new IOException("the upstream took only part of a " + request.length + "-byte request");
            }
        }

        void ready(SelectionKey key) throws IOException {
            if (key.isConnectable()) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
                send();
                return;
            }
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                fail();
                return;
            }
            readBuffer.flip();
            while (readBuffer.hasRemaining() && channel != null) {
                byte b = readBuffer.get();
                switch (part) {
                    case HEAD -> {
                        headMatch = b == (headMatch % 2 == 0 ? '\r' : '\n') ? headMatch + 1 : b == '\r' ? 1 : 0;
                        if (headMatch == 4) {
                            part = Part.SIZE;
                            size = 0;
                        }
                    }
                    case SIZE -> sizeByte(b);
                    case DATA -> {
                        bodyByte(b);
                        if (--chunkLeft == 0) {
                            part = Part.DATA_END;
                        }
                    }
                    case DATA_END -> {
                        if (b == '\n') {
                            part = Part.SIZE;
                            size = 0;
                        }
                    }
                    case TRAILER -> trailerByte(b);
                }
            }
        }

        private void sizeByte(byte b) {
            if (b == '\n') {
                if (size == 0) {
                    part = Part.TRAILER;
                    lineEmpty = true;
                } else {
                    chunkLeft = (int) size;
                    part = Part.DATA;
                }
            } else if (b != '\r') {
                size = size * 16 + Character.digit(b, 16);
            }
        }

        private void trailerByte(byte b) {
            if (b == '\n') {
                if (lineEmpty) {
                    responseEnded();
                }
                lineEmpty = true;
            } else if (b != '\r') {
                lineEmpty = false;
            }
        }

        private void bodyByte(byte b) throws IOException {
            if (b != '\n') {
                if (lineLength == line.length) {
                    line = java.util.Arrays.copyOf(line, line.length * 2);
                }
                line[lineLength++] = b;
                return;
            }
            if (lineLength > 6 && line[0] == 'd' && line[5] == ' ') {
                data(6, lineLength);
            }
            lineLength = 0;
        }

        private void data(int from, int to) throws IOException {
            if (to - from == 6 && line[from] == '[') { // [DONE]
                done = true;
                if (client != null) {
                    Client c = client;
                    client = null;
                    c.upstream = null;
                    c.event(DONE_PREFIX, text, 0, textLength);
                    c.end();
                }
                return;
            }
            int at = indexOf(line, to, CONTENT_KEY, from);
            if (at < 0 || client == null) {
                return;
            }
            int start = at + CONTENT_KEY.length;
            int end = endOfJsonString(line, start, to);
            if (end == start) {
                return;
            }
            if (textLength + end - start > text.length) {
                text = java.util.Arrays.copyOf(text, Math.max(text.length * 2, textLength + end - start));
            }
            System.arraycopy(line, start, text, textLength, end - start);
            textLength += end - start;
            client.event(CHUNK_PREFIX, line, start, end);
        }

        /** The whole response was read: with its [DONE] seen, the connection goes back to the idle ones. */
        private void responseEnded() {
            part = Part.HEAD;
            headMatch = 0;
            if (done && client == null) {
                idle.push(this);
            } else {
                fail();
            }
        }

        /** The client left mid-response: this connection can't be reused; closing it is how the upstream learns. */
        void abandon() {
            client = null;
            fail();
        }

        void fail() {
            if (key != null) {
                key.cancel();
            }
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
            channel = null;
            idle.remove(this);
            if (client != null) {
                Client c = client;
                client = null;
                c.upstream = null;
                c.close();
            }
        }
    }

    /** Closes the listening socket and the selector (which ends {@link #run()}); open connections go with the process. */
    @Override
    public void close() throws IOException {
        server.close();
        selector.close();
    }

    private static String heapMetrics() {
        StringBuilder out = new StringBuilder();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                out.append(String.format(Locale.ROOT, "jvm_memory_used_bytes{area=\"heap\",id=\"%s\"} %d%n", pool.getName(),
                        pool.getUsage().getUsed()));
            }
        }
        return out.toString();
    }

    private static int contentLength(String head) {
        for (String header : head.split("\r\n")) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                return Integer.parseInt(header.substring(15).trim());
            }
        }
        return 0;
    }

    /** The index just past the last character of a JSON string value starting at {@code from} (before its quote). */
    private static int endOfJsonString(byte[] bytes, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (bytes[i] == '\\') {
                i++;
            } else if (bytes[i] == '"') {
                return i;
            }
        }
        return limit;
    }

    private static int indexOf(byte[] bytes, int limit, byte[] wanted, int from) {
        outer:
        for (int i = from; i <= limit - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void putLong(ByteBuffer buffer, long value) {
        if (value >= 10) {
            putLong(buffer, value / 10);
        }
        buffer.put((byte) ('0' + value % 10));
    }
}
