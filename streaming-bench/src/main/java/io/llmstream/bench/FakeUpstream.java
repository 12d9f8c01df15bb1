package io.llmstream.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fast local LLM upstream speaking the OpenAI chat-completions streaming wire format over HTTP/1.1
 * (chunked transfer encoding, keep-alive). One platform thread runs a selector and a timer queue for
 * every connection: a token costs one non-blocking write, nothing more. Token {@code i} of a stream is
 * the text {@code "t<i> "}; the request's text names the stream ({@code bench-<id>}) so the write time
 * of every token can be looked up by the load generator, which runs in the same JVM and therefore
 * shares {@code System.nanoTime()}. A client closing the connection while a response runs is seen at
 * once (the connection is always registered for reading) and counted as an abort.
 */
final class FakeUpstream implements AutoCloseable {

    /** How every stream of the current run answers. {@code gate}, when not null, holds the first token back. */
    record Plan(int tokens, double tokensPerSecond, long ttftMillis, double jitter, CountDownLatch gate) {
        Plan {
            if (tokens < 1 || tokensPerSecond <= 0 || ttftMillis < 0 || jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException("bad plan: tokens " + tokens + ", tokens/s " + tokensPerSecond
                        + ", ttft " + ttftMillis + ", jitter " + jitter);
            }
        }
    }

    /** Counters since start. */
    record Counters(long accepted, long closed, long requests, long completed, long aborted, long active) {
    }

    private static final Pattern STREAM_ID = Pattern.compile("bench-(\\d+)");
    private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String PREFIX = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"bench\",";
    private static final byte[] TAIL = chunk(PREFIX + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
            + PREFIX + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":1,\"total_tokens\":13}}\n\n"
            + "data: [DONE]\n\n", true);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread loop;
    private final PriorityQueue<Connection> due = new PriorityQueue<>((a, b) -> Long.compare(a.nextNanos, b.nextNanos));
    private final List<Connection> held = new ArrayList<>();
    private volatile Plan plan = new Plan(5, 1000, 0, 0, null);
    private volatile AtomicReferenceArray<UpstreamStream> streams = new AtomicReferenceArray<>(0);
    private volatile boolean closing;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicLong active = new AtomicLong();

    FakeUpstream() throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.configureBlocking(false);
        selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        loop = Thread.ofPlatform().name("fake-upstream").daemon().start(this::run);
    }

    int port() {
        return server.socket().getLocalPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Starts a run: every later request answers with {@code next}; streams with ids below {@code streamCount} are recorded. */
    void beginRun(Plan next, int streamCount) {
        this.streams = new AtomicReferenceArray<>(streamCount);
        this.plan = next;
    }

    /** The record of stream {@code id} of the current run, or null when its request has not arrived. */
    UpstreamStream stream(int id) {
        AtomicReferenceArray<UpstreamStream> current = streams;
        return id >= 0 && id < current.length() ? current.get(id) : null;
    }

    Counters counters() {
        return new Counters(accepted.get(), closed.get(), requests.get(), completed.get(), aborted.get(), active.get());
    }

    /** One connection and the response running on it, if any. */
    private static final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        byte[] request = new byte[1024];
        int requestLength;
        UpstreamStream stream;
        Plan plan;
        int nextToken;
        long nextNanos;
        ByteBuffer pending;

        Connection(SocketChannel channel, SelectionKey key) {
            this.channel = channel;
            this.key = key;
        }
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        while (!closing) {
            try {
                long now = System.nanoTime();
                // selectors wait in whole milliseconds: round up rather than spin; write times are taken at the
                // actual write, so a token sent up to 1 ms late does not distort any measured delay
                long waitMillis = due.isEmpty() ? 20 : due.peek().nextNanos <= now ? 0
                        : Math.max(1, (due.peek().nextNanos - now) / 1_000_000);
                if (!held.isEmpty()) {
                    waitMillis = Math.min(waitMillis, 5);
                }
                if (waitMillis == 0) {
                    selector.selectNow();
                } else {
                    selector.select(waitMillis);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                        continue;
                    }
                    Connection c = (Connection) key.attachment();
                    if (key.isWritable()) {
                        flushPending(c);
                    }
                    if (key.isValid() && key.isReadable()) {
                        read(c, buffer);
                    }
                }
                releaseHeld();
                writeDueTokens();
            } catch (IOException e) {
                if (closing) {
                    return;
                }
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            accepted.incrementAndGet();
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            key.attach(new Connection(channel, key));
        }
    }

    private void read(Connection c, ByteBuffer buffer) {
        int n;
        try {
            buffer.clear();
            n = c.channel.read(buffer);
        } catch (IOException e) {
            n = -1;
        }
        if (n == -1) {
            abortAndClose(c);
            return;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            if (c.requestLength == c.request.length) {
                c.request = java.util.Arrays.copyOf(c.request, c.request.length * 2);
            }
            c.request[c.requestLength++] = buffer.get();
        }
        tryRequest(c);
    }

    private void tryRequest(Connection c) {
        String text = new String(c.request, 0, c.requestLength, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return;
        }
        int length = 0;
        for (String header : text.substring(0, headEnd).split("\r\n")) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        int total = headEnd + 4 + length;
        if (c.requestLength < total) {
            return;
        }
        String body = new String(c.request, headEnd + 4, length, StandardCharsets.UTF_8);
        boolean completion = text.startsWith("POST ") && text.substring(0, text.indexOf('\r')).contains("/chat/completions");
        System.arraycopy(c.request, total, c.request, 0, c.requestLength - total);
        c.requestLength -= total;
        if (!completion) {
            write(c, NOT_FOUND);
            return;
        }
        start(c, body);
    }

    private void start(Connection c, String body) {
        Plan p = plan;
        requests.incrementAndGet();
        active.incrementAndGet();
        Matcher m = STREAM_ID.matcher(body);
        int id = m.find() ? Integer.parseInt(m.group(1)) : -1;
        UpstreamStream stream = new UpstreamStream(id, System.nanoTime(), p.tokens());
        AtomicReferenceArray<UpstreamStream> current = streams;
        if (id >= 0 && id < current.length()) {
            current.set(id, stream);
        }
        c.stream = stream;
        c.plan = p;
        c.nextToken = 0;
        if (!write(c, HEAD)) {
            return;
        }
        if (p.gate() != null && p.gate().getCount() > 0) {
            held.add(c);
        } else {
            c.nextNanos = System.nanoTime() + p.ttftMillis() * 1_000_000L;
            due.add(c);
        }
    }

    private void releaseHeld() {
        if (held.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (Iterator<Connection> it = held.iterator(); it.hasNext(); ) {
            Connection c = it.next();
            if (c.plan.gate().getCount() == 0) {
                it.remove();
                // spread the released streams over one token interval, as independent requests would be
                c.nextNanos = now + c.plan.ttftMillis() * 1_000_000L + (long) (random.nextDouble() * 1e9 / c.plan.tokensPerSecond());
                due.add(c);
            }
        }
    }

    private void writeDueTokens() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long now = System.nanoTime();
        while (!due.isEmpty() && due.peek().nextNanos <= now) {
            Connection c = due.poll();
            UpstreamStream stream = c.stream;
            if (stream == null || stream.state.get() != UpstreamStream.ACTIVE || !c.channel.isOpen()) {
                continue;
            }
            Plan p = c.plan;
            int i = c.nextToken++;
            byte[] bytes = chunk(PREFIX + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t" + i + " \"},\"finish_reason\":null}]}\n\n", false);
            stream.writeNanos.set(i, System.nanoTime());
            if (!write(c, bytes)) {
                continue;
            }
            if (c.nextToken < p.tokens()) {
                c.nextNanos += (long) (1e9 / p.tokensPerSecond() * (1 + p.jitter() * (2 * random.nextDouble() - 1)));
                due.add(c);
            } else if (stream.state.compareAndSet(UpstreamStream.ACTIVE, UpstreamStream.DONE)) {
                completed.incrementAndGet();
                active.decrementAndGet();
                write(c, TAIL);
                c.stream = null;
            }
            now = System.nanoTime();
        }
    }

    /** Writes or queues the bytes; false when the connection broke (then it is closed and counted). */
    private boolean write(Connection c, byte[] bytes) {
        try {
            if (c.pending != null) {
                ByteBuffer joined = ByteBuffer.allocate(c.pending.remaining() + bytes.length);
                joined.put(c.pending).put(bytes).flip();
                c.pending = joined;
                return true;
            }
            ByteBuffer out = ByteBuffer.wrap(bytes);
            c.channel.write(out);
            if (out.hasRemaining()) {
                c.pending = out;
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
            return true;
        } catch (IOException e) {
            abortAndClose(c);
            return false;
        }
    }

    private void flushPending(Connection c) {
        try {
            if (c.pending != null) {
                c.channel.write(c.pending);
                if (!c.pending.hasRemaining()) {
                    c.pending = null;
                    c.key.interestOps(SelectionKey.OP_READ);
                }
            }
        } catch (IOException e) {
            abortAndClose(c);
        }
    }

    private void abortAndClose(Connection c) {
        UpstreamStream stream = c.stream;
        if (stream != null && stream.state.compareAndSet(UpstreamStream.ACTIVE, UpstreamStream.ABORTED)) {
            stream.abortNanos = System.nanoTime();
            aborted.incrementAndGet();
            active.decrementAndGet();
        }
        held.remove(c);
        if (c.channel.isOpen()) {
            closed.incrementAndGet();
            try {
                c.channel.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    /** One HTTP chunk (size line, data, CR LF), plus the terminating zero chunk when {@code last}. */
    static byte[] chunk(String data, boolean last) {
        byte[] payload = data.getBytes(StandardCharsets.UTF_8);
        byte[] size = (Integer.toHexString(payload.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] end = (last ? "\r\n0\r\n\r\n" : "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[size.length + payload.length + end.length];
        System.arraycopy(size, 0, all, 0, size.length);
        System.arraycopy(payload, 0, all, size.length, payload.length);
        System.arraycopy(end, 0, all, size.length + payload.length, end.length);
        return all;
    }

    @Override
    public void close() throws IOException {
        closing = true;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
        server.close();
    }
}
