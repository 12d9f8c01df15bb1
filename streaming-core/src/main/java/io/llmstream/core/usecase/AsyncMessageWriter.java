package io.llmstream.core.usecase;

import io.llmstream.core.model.Message;
import io.llmstream.core.port.MessageStore;
import io.llmstream.core.port.StreamingObserver;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes messages to the {@link MessageStore} off the streaming threads.
 *
 * <p>Messages go into one of {@code lanes} bounded queues chosen by their dialogue, each worked by its
 * own thread, so writes of one dialogue keep their order while dialogues proceed in parallel.
 * {@link #submit} never blocks: a full queue drops the message, logs and counts it. A failed write is
 * retried a few times with a short back-off (the store's save is an upsert, so a retry never
 * duplicates), then dropped, logged and counted. {@link #close} drains what is queued, up to a timeout.
 */
public final class AsyncMessageWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AsyncMessageWriter.class.getName());

    /** The most messages a lane hands to the store in one call. */
    static final int MAX_BATCH = 64;

    private final MessageStore store;
    private final StreamingObserver observer;
    private final List<BlockingQueue<Message>> queues = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param lanes         parallel writers (ordering holds per dialogue, not across dialogues)
     * @param capacity      queued messages per lane before new ones are dropped
     * @param maxAttempts   attempts per message before it is dropped
     * @param retryBackoff  wait before the first retry, doubled for each further one
     */
    public AsyncMessageWriter(MessageStore store, StreamingObserver observer, int lanes, int capacity, int maxAttempts,
            Duration retryBackoff) {
        if (lanes < 1 || capacity < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("lanes, capacity and maxAttempts must be 1 or more, were "
                    + lanes + ", " + capacity + ", " + maxAttempts);
        }
        this.store = store;
        this.observer = observer;
        this.maxAttempts = maxAttempts;
        this.retryBackoff = retryBackoff;
        for (int lane = 0; lane < lanes; lane++) {
            BlockingQueue<Message> queue = new ArrayBlockingQueue<>(capacity);
            queues.add(queue);
            workers.add(Thread.ofPlatform().daemon().name("message-writer-" + lane).start(() -> work(queue)));
        }
    }

    /** Two lanes of 10,000 messages, three attempts from 100 ms back-off. */
    public static AsyncMessageWriter withDefaults(MessageStore store, StreamingObserver observer) {
        return new AsyncMessageWriter(store, observer, 2, 10_000, 3, Duration.ofMillis(100));
    }

    /**
     * Queues a message for writing; never blocks.
     *
     * @return whether it was queued (false: dropped and counted, because the queue is full or the writer closed)
     */
    public boolean submit(Message message) {
        if (closed.get()) {
            drop(message, "the writer is closed");
            return false;
        }
        BlockingQueue<Message> queue = queues.get(Math.floorMod(message.dialogue().id().hashCode(), queues.size()));
        if (!queue.offer(message)) {
            drop(message, "the write queue is full");
            return false;
        }
        observe(() -> observer.writeQueueDepth(pending()));
        return true;
    }

    /** Messages queued and not yet written. */
    public int pending() {
        int sum = 0;
        for (BlockingQueue<Message> queue : queues) {
            sum += queue.size();
        }
        return sum;
    }

    public long written() {
        return written.get();
    }

    /** Write attempts that failed (each retry counts). */
    public long failed() {
        return failed.get();
    }

    /** Messages given up on. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Stops accepting messages and writes what is queued, waiting at most {@code timeout}; what is still
     * queued then is dropped and counted.
     *
     * @return whether everything queued was written or given up on in time
     */
    public boolean close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean inTime = true;
        for (Thread worker : workers) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
                    inTime = false;
                    worker.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                inTime = false;
                worker.interrupt();
            }
        }
        for (BlockingQueue<Message> queue : queues) {
            Message left;
            while ((left = queue.poll()) != null) {
                drop(left, "the writer closed before it could be written");
            }
        }
        return inTime;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void work(BlockingQueue<Message> queue) {
        List<Message> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                Message message = queue.poll(50, TimeUnit.MILLISECONDS);
                if (message == null) {
                    if (closed.get()) {
                        return; // closed and drained
                    }
                    continue;
                }
                batch.add(message);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (batch.size() == 1) {
                    write(message);
                } else {
                    writeAll(batch);
                }
                batch.clear();
                observe(() -> observer.writeQueueDepth(pending()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What queued up while the lane wrote, in one call; when that fails, one by one, each with its retries. */
    private void writeAll(List<Message> batch) throws InterruptedException {
        try {
            store.saveAll(batch);
            written.addAndGet(batch.size());
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "writing " + batch.size() + " messages at once failed; writing them one by one", e);
        }
        for (Message message : batch) {
            write(message);
        }
    }

    private void write(Message message) throws InterruptedException {
        long backoff = retryBackoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                store.save(message);
                written.incrementAndGet();
                return;
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                observe(observer::writeFailed);
                if (attempt >= maxAttempts) {
                    LOG.log(Level.ERROR, "giving up writing message " + message.id() + " of " + message.dialogue()
                            + " after " + attempt + " attempts", e);
                    drop(message, null);
                    return;
                }
                LOG.log(Level.WARNING, "writing message " + message.id() + " failed (attempt " + attempt + " of "
                        + maxAttempts + "), retrying in " + backoff + " ms: " + e.getMessage());
                TimeUnit.MILLISECONDS.sleep(backoff);
                backoff *= 2;
            }
        }
    }

    private void drop(Message message, String reason) {
        dropped.incrementAndGet();
        if (reason != null) {
            LOG.log(Level.ERROR, "dropped message " + message.id() + " of " + message.dialogue() + ": " + reason);
        }
        observe(observer::writeDropped);
    }

    private static void observe(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "observer failed", e);
        }
    }
}
