package io.llmstream.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Opens N concurrent streams over real sockets, started evenly over the ramp-up, either straight at
 * the fake upstream (OpenAI wire format), at the service's SSE chat stream endpoint, or at its WebSocket
 * ({@code GET /api/v1/ws}, one connection per stream: the upgrade, then one {@code chat.send}). One platform thread
 * with a selector reads every stream, so the client costs one read per arrival; each chunk's arrival
 * time is taken right after the read that delivered it, and compared with the upstream's write time of
 * every token in the chunk.
 */
final class LoadGenerator {

    enum Target { DIRECT, SERVICE, SERVICE_WS }

    /**
     * One run's shape. A stream is cut after {@code disconnectAt(i)} chunks when it is among the leavers. With
     * {@code subscribers} above 1 (service only), every stream gets {@code subscribers - 1} extra clients that follow
     * it with {@code GET /api/v1/streams/<id>/events} as soon as the POST's response headers name the stream.
     */
    record Load(int streams, long rampMillis, int tokens, double disconnectFraction, Duration timeout, int subscribers) {
        Load {
            if (streams < 1 || rampMillis < 0 || tokens < 1 || disconnectFraction < 0 || disconnectFraction > 1
                    || subscribers < 1) {
                throw new IllegalArgumentException("bad load: streams " + streams + ", ramp " + rampMillis
                        + ", tokens " + tokens + ", disconnect " + disconnectFraction + ", subscribers " + subscribers);
            }
        }

        Load(int streams, long rampMillis, int tokens, double disconnectFraction, Duration timeout) {
            this(streams, rampMillis, tokens, disconnectFraction, timeout, 1);
        }

        /** Chunks after which stream {@code i} leaves, or 0 when it stays to the end. Deterministic per id. */
        int disconnectAt(int i) {
            int every = disconnectFraction == 0 ? 0 : (int) Math.round(1 / disconnectFraction);
            if (every == 0 || i % every != every / 2) {
                return 0;
            }
            double where = 0.1 + 0.8 * ((i * 2654435761L & 0xffff) / 65536.0);
            return Math.max(1, (int) (tokens * where));
        }
    }

    private final FakeUpstream upstream;

    LoadGenerator(FakeUpstream upstream) {
        this.upstream = upstream;
    }

    /** One stream's connection state. */
    private final class Client {
        final StreamResult result;
        final Target target;
        final ByteBuffer request;
        final int leaveAfter;
        final String expected;
        final ResponseDecoder decoder;
        /** WebSocket only: the {@code chat.send} frame, written once the upgrade is answered 101. */
        final ByteBuffer send;
        final StringBuilder text;
        SocketChannel channel;
        boolean finished;
        long arrival;
        /** Extra subscribers still to open once the response headers name the stream (main connection only). */
        int followersToOpen;
        /** The port this client connects to (with several nodes, the stream's node or the one its followers use). */
        int port;

        Client(StreamResult result, Target target, byte[] request, int leaveAfter, String expected) {
            this(result, target, request, null, leaveAfter, expected);
        }

        Client(StreamResult result, Target target, byte[] request, ByteBuffer send, int leaveAfter, String expected) {
            this.result = result;
            this.target = target;
            this.request = ByteBuffer.wrap(request);
            this.send = send;
            this.decoder = target == Target.SERVICE_WS ? new WebSocketResponseDecoder() : new SseResponseDecoder();
            this.leaveAfter = leaveAfter;
            this.expected = expected;
            this.text = new StringBuilder(expected.length());
        }

        void event(String data) {
            if (finished) {
                return;
            }
            StreamResult r = result;
            if (target != Target.DIRECT) {
                // what every subscriber must see alike: the same events with the same ids, in the same order
                r.events++;
                r.eventHash = r.eventHash * 31 + (decoder.eventId() + ":" + JsonText.stringField(data, "type").orElse("")).hashCode();
            }
            String content;
            if (target == Target.DIRECT) {
                if (data.equals("[DONE]")) {
                    r.done = true;
                    r.textMatches = text.toString().equals(expected);
                    finished = true;
                    return;
                }
                content = JsonText.stringField(data, "content").orElse("");
                if (content.isEmpty()) {
                    return;
                }
            } else {
                String type = JsonText.stringField(data, "type").orElse("");
                if (type.equals("done")) {
                    r.done = true;
                    String full = JsonText.stringField(data, "content").orElse("");
                    r.textMatches = full.contentEquals(text) && full.equals(expected);
                    finished = true;
                    return;
                }
                if (type.equals("error")) {
                    r.error = "error event " + JsonText.stringField(data, "code").orElse("?");
                    finished = true;
                    return;
                }
                if (!type.equals("chunk")) {
                    return;
                }
                content = JsonText.stringField(data, "content").orElse("");
            }
            if (r.chunks == 0) {
                r.firstChunkNanos = arrival;
            }
            r.chunks++;
            text.append(content);
            recordDelays(r, content, arrival);
            if (r.chunks == leaveAfter) {
                r.disconnectNanos = System.nanoTime();
                finished = true; // the loop closes the socket: an ordinary FIN, as a closed browser tab sends
            }
        }
    }

    /** Runs the load and returns one result per stream, after all ended or the timeout passed. */
    List<StreamResult> run(Target target, int port, List<String> chatIds, Load load) throws InterruptedException {
        return run(target, new int[] {port}, chatIds, load);
    }

    /**
     * Runs the load over several nodes of the service: stream {@code i} is started on node {@code i % n} and its extra
     * subscribers follow it on the next nodes ({@code (i + 1 + k) % n}), so with two nodes and two subscribers each
     * stream has one client on the node that generates it and one on the other.
     */
    List<StreamResult> run(Target target, int[] ports, List<String> chatIds, Load load) throws InterruptedException {
        if (target != Target.DIRECT && chatIds.size() < load.streams()) {
            throw new IllegalArgumentException("need one chat per stream");
        }
        if (target == Target.SERVICE_WS && load.subscribers() > 1) {
            throw new IllegalArgumentException("extra subscribers are measured over SSE only");
        }
        String expected = expectedText(load.tokens());
        int n = load.streams();
        List<StreamResult> results = new ArrayList<>(n);
        Client[] clients = new Client[n];
        List<Client> followers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StreamResult result = new StreamResult(i, load.tokens());
            results.add(result);
            int port = ports[i % ports.length];
            clients[i] = switch (target) {
                case DIRECT -> new Client(result, target, directRequest(port, i), load.disconnectAt(i), expected);
                case SERVICE -> new Client(result, target, serviceRequest(port, chatIds.get(i), i), load.disconnectAt(i), expected);
                case SERVICE_WS -> new Client(result, target, WebSocketResponseDecoder.upgradeRequest(port),
                        chatSend(chatIds.get(i), i), load.disconnectAt(i), expected);
            };
            clients[i].port = port;
            clients[i].followersToOpen = target == Target.SERVICE ? load.subscribers() - 1 : 0;
        }
        long t0 = System.nanoTime();
        long rampNanos = load.rampMillis() * 1_000_000L;
        long deadline = t0 + rampNanos + load.timeout().toNanos();
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        int started = 0;
        int open = 0;
        try (Selector selector = Selector.open()) {
            while ((started < n || open > 0) && System.nanoTime() < deadline) {
                long now = System.nanoTime();
                while (started < n && t0 + (n == 1 ? 0 : rampNanos * started / n) <= now) {
                    Client c = clients[started++];
                    c.result.startNanos = System.nanoTime();
                    if (connect(c, selector)) {
                        open++;
                    }
                }
                long nextStart = started < n ? t0 + rampNanos * started / n : Long.MAX_VALUE;
                long untilStart = nextStart - System.nanoTime();
                long waitMillis = untilStart <= 0 ? 0 : Math.min(50, Math.max(1, untilStart / 1_000_000));
                if (waitMillis == 0) {
                    selector.selectNow();
                } else {
                    selector.select(waitMillis);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Client c = (Client) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        if (key.isConnectable()) {
                            c.channel.finishConnect();
                            key.interestOps(SelectionKey.OP_WRITE);
                        } else if (key.isWritable()) {
                            c.channel.write(c.request);
                            if (!c.request.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        } else if (key.isReadable()) {
                            boolean over = read(c, buffer);
                            if (c.followersToOpen > 0 && c.decoder.headersDone()) {
                                open += openFollowers(c, ports, expected, selector, followers);
                            }
                            if (over) {
                                close(c);
                                open--;
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        fail(c, e);
                        open--;
                    }
                }
            }
            for (Client c : clients) {
                if (c.channel != null && c.channel.isOpen()) {
                    if (c.result.error == null && !c.result.done && !c.result.disconnected()) {
                        c.result.error = "timeout";
                    }
                    close(c);
                } else if (c.channel == null && c.result.error == null) {
                    c.result.error = "not started before the deadline";
                }
            }
            for (Client c : followers) {
                if (c.channel != null && c.channel.isOpen()) {
                    if (c.result.error == null && !c.result.done) {
                        c.result.error = "timeout";
                    }
                    close(c);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("selector failed", e);
        }
        return results;
    }

    /** Opens the client's socket and registers it; false (and the client failed) when that did not work. */
    private static boolean connect(Client c, Selector selector) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), c.port);
        try {
            c.channel = SocketChannel.open();
            c.channel.configureBlocking(false);
            c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (c.channel.connect(address)) {
                c.channel.register(selector, SelectionKey.OP_WRITE, c);
            } else {
                c.channel.register(selector, SelectionKey.OP_CONNECT, c);
            }
            return true;
        } catch (IOException e) {
            fail(c, e);
            return false;
        }
    }

    /**
     * The main connection's headers have arrived: opens its extra subscribers on {@code GET /api/v1/streams/<id>/events}
     * (no Last-Event-ID: from the first event); returns how many sockets were opened.
     */
    private int openFollowers(Client main, int[] ports, String expected, Selector selector, List<Client> followers) {
        int count = main.followersToOpen;
        main.followersToOpen = 0;
        if (main.decoder.status() != 200) {
            return 0;
        }
        String streamId = main.decoder.streamId();
        main.result.streamId = streamId;
        if (streamId == null) {
            if (main.result.error == null) {
                main.result.error = "no X-Stream-Id header: the service has no stream resources";
            }
            return 0;
        }
        int opened = 0;
        for (int k = 0; k < count; k++) {
            int port = ports[(main.result.id + 1 + k) % ports.length];
            byte[] request = followRequest(port, streamId);
            StreamResult result = new StreamResult(main.result.id, main.result.delays.length);
            result.streamId = streamId;
            result.startNanos = System.nanoTime();
            main.result.followers.add(result);
            Client follower = new Client(result, Target.SERVICE, request, 0, expected);
            follower.port = port;
            followers.add(follower);
            if (connect(follower, selector)) {
                opened++;
            }
        }
        return opened;
    }

    /** Reads what arrived; true when the stream is over (done, error, left, or the body ended). */
    private boolean read(Client c, ByteBuffer buffer) throws IOException {
        buffer.clear();
        int n = c.channel.read(buffer);
        c.arrival = System.nanoTime();
        if (n == -1) {
            if (!c.finished && c.result.error == null) {
                c.result.error = c.decoder.status() < 0 ? "closed before the response" : "stream ended without done";
            }
            return true;
        }
        c.result.bytes += n;
        buffer.flip();
        c.decoder.feed(buffer, c::event);
        if (c.result.streamId == null) {
            c.result.streamId = c.decoder.streamId();
        }
        if (c.decoder instanceof WebSocketResponseDecoder ws) {
            if (c.decoder.accepted() && c.send.position() == 0) {
                writeFully(c.channel, c.send);
            }
            ByteBuffer pong = ws.takeReply();
            if (pong != null) {
                writeFully(c.channel, pong);
            }
        }
        if (c.decoder.status() > 0 && !c.decoder.accepted() && c.decoder.ended()) {
            c.result.error = "HTTP " + c.decoder.status() + ": " + c.decoder.errorBody();
            return true;
        }
        if (c.decoder.ended() && !c.finished && c.result.error == null) {
            c.result.error = "stream ended without done";
            return true;
        }
        return c.finished;
    }

    /** A few bytes on a connection whose socket buffer is nearly empty: written at once, else briefly retried. */
    private static void writeFully(SocketChannel channel, ByteBuffer bytes) throws IOException {
        for (int spins = 0; bytes.hasRemaining(); spins++) {
            if (channel.write(bytes) == 0 && spins > 1000) {
                throw new IOException("the service does not read the WebSocket frame");
            }
        }
    }

    private static void fail(Client c, Exception e) {
        if (c.result.error == null && !c.finished) {
            c.result.error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        close(c);
    }

    private static void close(Client c) {
        try {
            if (c.channel != null) {
                c.channel.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Every token {@code t<k> } in the chunk: arrival minus the upstream's write time of token k. */
    private void recordDelays(StreamResult r, String content, long arrival) {
        UpstreamStream up = upstream.stream(r.id);
        if (up == null) {
            return;
        }
        int i = 0;
        int n = content.length();
        while (i < n) {
            if (content.charAt(i) == 't') {
                int k = 0;
                int j = i + 1;
                while (j < n && Character.isDigit(content.charAt(j))) {
                    k = k * 10 + (content.charAt(j) - '0');
                    j++;
                }
                if (j > i + 1 && k < up.writeNanos.length()) {
                    long written = up.writeNanos.get(k);
                    if (written != 0) {
                        r.delay(arrival - written);
                    }
                }
                i = j;
            } else {
                i++;
            }
        }
    }

    static String expectedText(int tokens) {
        StringBuilder text = new StringBuilder(tokens * 5);
        for (int i = 0; i < tokens; i++) {
            text.append('t').append(i).append(' ');
        }
        return text.toString();
    }

    private static byte[] serviceRequest(int port, String chatId, int id) {
        String body = "{\"message\":\"bench-" + id + "\"}";
        return ("POST /api/sse/" + chatId + "/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuffer chatSend(String chatId, int id) {
        return WebSocketResponseDecoder.clientFrame(0x1, ("{\"type\":\"chat.send\",\"chat_id\":\"" + chatId
                + "\",\"message\":\"bench-" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] followRequest(int port, String streamId) {
        return ("GET /api/v1/streams/" + streamId + "/events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] directRequest(int port, int id) {
        String body = "{\"model\":\"bench\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"bench-" + id + "\"}]}";
        return ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nAuthorization: Bearer bench\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }
}
