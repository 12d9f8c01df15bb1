package io.llmstream.adapter.llm.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A response body as a blocking {@link InputStream} that keeps a few reads requested ahead.
 *
 * <p>The JDK's {@code BodySubscribers.ofInputStream()} requests one buffer at a time: every buffer the reader
 * takes asks the client for the next, and the client, whose socket had no demand meanwhile, registers the socket
 * with its selector again (a selector wake-up per upstream event, seen in the load harness's profile). This one
 * keeps up to {@value #PREFETCH} deliveries requested, so the socket stays registered while a stream runs; the
 * queue is bounded by the same number, so a slow reader still pushes back on the upstream.
 *
 * <p>{@link InputStream#close()} cancels the subscription, which closes the HTTP/1.1 connection, and wakes a
 * blocked {@code read} with an {@link IOException}.
 */
final class PrefetchingBodySubscriber implements HttpResponse.BodySubscriber<PrefetchingBodySubscriber.Body> {

    /** Deliveries (lists of buffers) requested ahead and held at most. */
    static final int PREFETCH = 8;

    /** Marks the end of one delivery in the queue: reading past it lets the subscriber request one more. */
    private static final ByteBuffer DELIVERY_END = ByteBuffer.allocate(0);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    private final CompletableFuture<Body> body = CompletableFuture.completedFuture(new Body());
    private Flow.Subscription subscription;
    private boolean complete;
    private Throwable failure;
    private boolean closed;

    /** A body handler that hands every response body to a new subscriber of this kind. */
    static HttpResponse.BodyHandler<Body> handler() {
        return info -> new PrefetchingBodySubscriber();
    }

    @Override
    public CompletionStage<Body> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        lock.lock();
        try {
            cancel = subscription != null || closed;
            if (!cancel) {
                subscription = s;
            }
        } finally {
            lock.unlock();
        }
        if (cancel) {
            s.cancel();
            return;
        }
        s.request(PREFETCH);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        boolean again = false;
        lock.lock();
        try {
            boolean any = false;
            for (ByteBuffer item : items) {
                if (item.hasRemaining()) {
                    buffers.add(item);
                    any = true;
                }
            }
            if (any) {
                buffers.add(DELIVERY_END);
                arrived.signalAll();
            } else {
                again = true; // nothing to read: ask for the next delivery at once
            }
        } finally {
            lock.unlock();
        }
        if (again) {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        lock.lock();
        try {
            failure = throwable;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete() {
        lock.lock();
        try {
            complete = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The body as a blocking stream. Besides {@link #read}, which copies into the caller's array, {@link #next()}
     * hands over the client's buffers themselves (read-only views): a reader that waits in it holds no array of its
     * own, which an idle stream would otherwise keep while it waits.
     */
    final class Body extends InputStream {

        private Body() {
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            ByteBuffer next = take(length);
            if (next == null) {
                return -1;
            }
            int n = next.remaining();
            next.get(target, offset, n);
            return n;
        }

        /**
         * The next bytes of the body as the client delivered them, waiting for them; {@code null} at its end. The
         * buffer is the caller's: nothing else reads or writes it.
         */
        ByteBuffer next() throws IOException {
            return take(Integer.MAX_VALUE);
        }

        /** Takes at most {@code max} bytes off the head of the queue, waiting for some; {@code null} at the end. */
        private ByteBuffer take(int max) throws IOException {
            int requestMore = 0;
            lock.lock();
            try {
                while (true) {
                    if (closed) {
                        throw new IOException("the body stream is closed");
                    }
                    ByteBuffer head = buffers.peek();
                    if (head == DELIVERY_END) {
                        buffers.poll();
                        requestMore++; // a delivery is read: room for the next
                        continue;
                    }
                    if (head != null) {
                        if (head.remaining() <= max) {
                            return buffers.poll();
                        }
                        ByteBuffer part = head.slice(head.position(), max);
                        head.position(head.position() + max);
                        return part;
                    }
                    if (requestMore > 0) {
                        // ask for more (after unlocking) before waiting for it
                        lock.unlock();
                        try {
                            subscription.request(requestMore);
                        } finally {
                            requestMore = 0;
                            lock.lock();
                        }
                        continue;
                    }
                    if (failure != null) {
                        throw new IOException(failure.getMessage(), failure);
                    }
                    if (complete) {
                        return null;
                    }
                    arrived.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the body", e);
            } finally {
                lock.unlock();
                if (requestMore > 0) {
                    subscription.request(requestMore);
                }
            }
        }

        @Override
        public int available() {
            lock.lock();
            try {
                int sum = 0;
                for (ByteBuffer buffer : buffers) {
                    sum += buffer.remaining();
                }
                return sum;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            Flow.Subscription toCancel;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                buffers.clear();
                toCancel = subscription;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
            if (toCancel != null) {
                toCancel.cancel();
            }
        }
    }
}
