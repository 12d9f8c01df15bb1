package io.llmstream.adapter.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.StreamEventLog.Read;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The blocking readers of this node: at most one per stream that someone here waits on, each an {@code XREAD BLOCK}
 * loop on a connection of its own, keeping the newest events it read in memory for every local reader of the
 * stream (fan-out: a hundred tabs on one stream cost one blocking read, not a hundred). A tail ends with its
 * stream, or when nobody has waited on it for {@link #IDLE}.
 */
final class StreamTails {

    private static final System.Logger LOG = System.getLogger(StreamTails.class.getName());
    /** Waits at least this long are untimed: an event, the end or an interrupt wakes the reader. */
    static final Duration UNTIMED = Duration.ofHours(1);
    static final Duration BLOCK = Duration.ofSeconds(1);
    static final Duration IDLE = Duration.ofSeconds(3);
    static final int RECENT = 1_024;

    private final RedisEngine engine;
    private final Map<UUID, Tail> tails = new HashMap<>();

    StreamTails(RedisEngine engine) {
        this.engine = engine;
    }

    /** How many streams this node reads with a blocking read now. */
    int active() {
        synchronized (tails) {
            return tails.size();
        }
    }

    /** The events after {@code afterId} if this node's tail of the stream holds them. */
    Optional<Read.Events> recent(UUID streamId, long afterId, int max) {
        Tail tail;
        synchronized (tails) {
            tail = tails.get(streamId);
        }
        return tail == null ? Optional.empty() : tail.recent(afterId, max);
    }

    /**
     * Whether this node's tail of the stream has read everything up to {@code afterId} and nothing after it: a reader
     * there may wait on the tail without asking Redis first (the tail reads every event after it).
     */
    boolean caughtUp(UUID streamId, long afterId) {
        Tail tail;
        synchronized (tails) {
            tail = tails.get(streamId);
        }
        return tail != null && tail.caughtUp(afterId);
    }

    /** Waits until the stream has an event after {@code afterId}, it ends, or {@code nanos} pass. */
    void await(UUID streamId, long afterId, long nanos) throws InterruptedException {
        Tail tail;
        synchronized (tails) {
            tail = tails.get(streamId);
            if (tail == null) {
                tail = new Tail(streamId, afterId);
                tails.put(streamId, tail);
                Thread.ofVirtual().name("redis-tail-" + streamId).start(tail::run);
            }
            tail.waiters++;
        }
        try {
            tail.await(afterId, nanos);
        } finally {
            synchronized (tails) {
                tail.waiters--;
                tail.lastWaiterLeft = System.nanoTime();
            }
        }
    }

    /** Whether the tail may end: nobody waits and nobody has for a while; then it is removed here, under the lock. */
    private boolean retire(Tail tail, boolean ended) {
        synchronized (tails) {
            boolean idle = tail.waiters == 0 && System.nanoTime() - tail.lastWaiterLeft > IDLE.toNanos();
            if (ended || tail.failed || idle) {
                tails.remove(tail.streamId, tail);
                return true;
            }
            return false;
        }
    }

    /** One stream's blocking read and the newest events it read, {@code (lastSeen - recent.size(), lastSeen]}. */
    private final class Tail {
        private final UUID streamId;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        private final ArrayDeque<StreamEvent> recent = new ArrayDeque<>();
        private long lastSeen;
        private boolean ended;
        private volatile boolean failed;
        int waiters; // guarded by tails
        long lastWaiterLeft = System.nanoTime(); // guarded by tails

        Tail(UUID streamId, long from) {
            this.streamId = streamId;
            this.lastSeen = from;
        }

        Optional<Read.Events> recent(long afterId, int max) {
            lock.lock();
            try {
                long first = lastSeen - recent.size() + 1;
                if (afterId + 1 < first || afterId > lastSeen || (afterId == lastSeen && !ended)) {
                    return Optional.empty();
                }
                // from the newest back to the reader's offset: a reader that keeps up takes one or two, not all 1,024
                ArrayList<StreamEvent> events = new ArrayList<>();
                for (var it = recent.descendingIterator(); it.hasNext();) {
                    StreamEvent event = it.next();
                    if (event.id() <= afterId) {
                        break;
                    }
                    events.add(event);
                }
                java.util.Collections.reverse(events);
                List<StreamEvent> batch = events.size() > max ? events.subList(0, max) : events;
                return Optional.of(new Read.Events(batch, ended));
            } finally {
                lock.unlock();
            }
        }

        boolean caughtUp(long afterId) {
            lock.lock();
            try {
                return !failed && !ended && lastSeen == afterId;
            } finally {
                lock.unlock();
            }
        }

        void await(long afterId, long nanos) throws InterruptedException {
            lock.lock();
            try {
                while (lastSeen <= afterId && !ended && !failed) {
                    if (nanos == Long.MAX_VALUE) {
                        arrived.await();
                    } else if (nanos <= 0) {
                        return;
                    } else {
                        nanos = arrived.awaitNanos(nanos);
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        void run() {
            StatefulRedisConnection<String, String> connection = engine.borrowBlocking();
            String key = engine.keys().events(streamId);
            try {
                boolean done = false;
                while (!retire(this, done)) {
                    List<StreamMessage<String, String>> entries = connection.sync().xread(
                            XReadArgs.Builder.block(BLOCK).count(256), XReadArgs.StreamOffset.from(key, lastSeen + "-0"));
                    done = add(entries);
                }
            } catch (RedisException e) {
                LOG.log(Level.WARNING, "reading stream " + streamId + " from Redis failed; its readers read again: " + e.getMessage());
                failed = true;
                retire(this, true);
                signal();
            } finally {
                engine.release(connection);
            }
        }

        /** @return whether the final event came */
        private boolean add(List<StreamMessage<String, String>> entries) {
            if (entries == null || entries.isEmpty()) {
                return false;
            }
            lock.lock();
            try {
                for (StreamMessage<String, String> entry : entries) {
                    long id = RedisStreamEventLog.entryId(entry);
                    if (id != lastSeen + 1) {
                        recent.clear(); // trimmed past us: what is kept here stays contiguous
                    }
                    StreamEvent event = StreamEventCodec.decode(entry.getBody().get("e"));
                    recent.addLast(event);
                    if (recent.size() > RECENT) {
                        recent.removeFirst();
                    }
                    lastSeen = id;
                    ended |= event.isFinal();
                }
                arrived.signalAll();
                return ended;
            } finally {
                lock.unlock();
            }
        }

        private void signal() {
            lock.lock();
            try {
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
