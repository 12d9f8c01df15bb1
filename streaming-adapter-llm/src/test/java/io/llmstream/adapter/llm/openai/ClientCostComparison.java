package io.llmstream.adapter.llm.openai;

import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.http.HttpLlmTransport;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * What the HTTP client costs per relayed chunk, measured before choosing one (issue 19 point 3): {@code streams}
 * concurrent OpenAI streams of {@code tokens} tokens at {@code rate} tokens/s from a local upstream (a platform thread
 * per connection, one write per token), read on one virtual thread per stream into the same
 * {@link OpenAiEventDecoder}, either
 * <ul>
 *   <li>{@code jdk}: the production path, {@link HttpLlmTransport} (the JDK {@code HttpClient}: its selector thread
 *       hands body buffers to the reading virtual thread; watchdog and abort included), or</li>
 *   <li>{@code apache}: Apache HttpClient 5 classic, blocking reads of 8 KiB on the stream's own virtual thread.</li>
 * </ul>
 * The figure is the process's CPU minus the upstream threads' own CPU, per 100,000 chunks. Rounds alternate the two
 * clients after one warm-up round of each. Not a test: run as in docs/benchmarks.md.
 */
public final class ClientCostComparison {

    private static final byte[] REQUEST = "{\"model\":\"bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hallo\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private ClientCostComparison() {
    }

    /** Arguments: [streams] [tokens] [tokens per second] [measured rounds per client]. */
    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 20;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        try (Upstream upstream = new Upstream(tokens, rate);
                HttpLlmTransport jdk = new HttpLlmTransport(ProviderConfig.of("bench", ProviderKind.OPENAI,
                        upstream.baseUri(), Optional.empty(), "bench"));
                CloseableHttpClient apache = HttpClients.custom()
                        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                .setMaxConnTotal(streams * 2).setMaxConnPerRoute(streams * 2).build())
                        .build()) {
            Client viaJdk = () -> readJdk(jdk);
            Client viaApache = () -> readApache(apache, upstream.baseUri());
            System.out.printf("%d streams x %d tokens at %.0f tokens/s%n", streams, tokens, rate);
            round("jdk    (warm-up)", viaJdk, streams, tokens, rate, upstream);
            round("apache (warm-up)", viaApache, streams, tokens, rate, upstream);
            for (int i = 0; i < rounds; i++) {
                round("jdk", viaJdk, streams, tokens, rate, upstream);
                round("apache", viaApache, streams, tokens, rate, upstream);
            }
        }
    }

    @FunctionalInterface
    private interface Client {
        /** Reads one whole stream. @return the text deltas it received */
        long read() throws Exception;
    }

    private static void round(String name, Client client, int streams, int tokens, double rate, Upstream upstream)
            throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        upstream.cpuNanos.reset();
        LongAdder deltas = new LongAdder();
        AtomicLong failures = new AtomicLong();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        long spreadNanos = 1_000_000_000L; // starts spread over one second
        List<Thread> readers = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            long due = start + spreadNanos * i / streams;
            readers.add(Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                    deltas.add(client.read());
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }));
        }
        for (Thread reader : readers) {
            reader.join();
        }
        long cpu = os.getProcessCpuTime() - cpuBefore - upstream.cpuNanos.sum();
        long chunks = deltas.sum();
        System.out.printf("%-17s %6d chunks (%d expected), %d failed, client CPU %.2f s per 100,000 chunks, wall %.1f s%n",
                name, chunks, (long) streams * tokens, failures.get(), cpu / 1e9 * 100_000 / Math.max(1, chunks),
                (System.nanoTime() - start) / 1e9);
    }

    private static long readJdk(HttpLlmTransport transport) {
        long count = 0;
        try (LlmStream.Completion completion = transport.open("bench",
                transport.post("/chat/completions", REQUEST, Map.of(), "text/event-stream"),
                new OpenAiEventDecoder("bench", 1 << 20))) {
            while (true) {
                LlmEvent event = completion.next();
                if (event instanceof LlmEvent.TextDelta) {
                    count++;
                } else if (event instanceof LlmEvent.Finished) {
                    return count;
                }
            }
        }
    }

    private static long readApache(CloseableHttpClient client, URI base) throws IOException {
        HttpPost post = new HttpPost(base + "/chat/completions");
        post.setHeader("Accept", "text/event-stream");
        post.setEntity(new ByteArrayEntity(REQUEST, ContentType.APPLICATION_JSON));
        OpenAiEventDecoder decoder = new OpenAiEventDecoder("bench", 1 << 20);
        long[] count = new long[1];
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            InputStream body = response.getEntity().getContent();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = body.read(buffer)) > 0) {
                decoder.feed(buffer, 0, read, event -> {
                    if (event instanceof LlmEvent.TextDelta) {
                        count[0]++;
                    }
                });
            }
            decoder.end(event -> { });
        }
        return count[0];
    }

    /** The OpenAI wire format over HTTP/1.1, chunked, one write per token, a platform thread per connection. */
    private static final class Upstream implements AutoCloseable {
        private static final String PREFIX = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1700000000,\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";
        private static final String END = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1700000000,\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n";

        final LongAdder cpuNanos = new LongAdder();
        private final ServerSocket server;
        private final int tokens;
        private final long intervalNanos;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        Upstream(int tokens, double rate) throws IOException {
            this.server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
            this.tokens = tokens;
            this.intervalNanos = (long) (1e9 / rate);
            Thread.ofPlatform().daemon().name("upstream-accept").start(this::accept);
        }

        URI baseUri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1");
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    Thread.ofPlatform().daemon().name("upstream-conn").start(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                readRequest(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                long next = System.nanoTime();
                for (int i = 0; i < tokens; i++) {
                    next += intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    out.write(chunk(PREFIX + "t" + i + " \"},\"finish_reason\":null}]}\n\n"));
                }
                out.write(chunk(END));
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException | InterruptedException e) {
                // the client left; its round reports the failure
            } finally {
                cpuNanos.add(threads.getCurrentThreadCpuTime());
            }
        }

        private static byte[] chunk(String data) {
            byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 12);
            out.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }

        private static void readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the request ended early");
                }
                head.append((char) b);
            }
            String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
            int at = lower.indexOf("content-length:");
            int length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
            in.readNBytes(length);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
