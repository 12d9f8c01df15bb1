package io.llmstream.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that forwards every read to the target after a fixed delay, in both
 * directions and in order; used between the service and PostgreSQL to slow every database round trip
 * by twice the delay without touching the service.
 */
final class DelayProxy implements AutoCloseable {

    private record Piece(byte[] bytes, long dueNanos) {
    }

    private static final Piece END = new Piece(new byte[0], 0);

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long delayNanos;
    private final AtomicLong forwarded = new AtomicLong();

    DelayProxy(int targetPort, Duration delayPerDirection) throws IOException {
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.delayNanos = delayPerDirection.toNanos();
        Thread.ofVirtual().name("delay-proxy-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    long forwardedBytes() {
        return forwarded.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        LinkedBlockingQueue<Piece> queue = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) != -1) {
                    queue.add(new Piece(Arrays.copyOf(buf, n), System.nanoTime() + delayNanos));
                }
            } catch (IOException e) {
                // the connection ended
            }
            queue.add(END);
        });
        Thread.ofVirtual().start(() -> {
            try (from; to) {
                while (true) {
                    Piece piece = queue.take();
                    if (piece == END) {
                        return;
                    }
                    long wait = piece.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                    out.write(piece.bytes());
                    forwarded.addAndGet(piece.bytes().length);
                }
            } catch (IOException e) {
                // the other side ended
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
