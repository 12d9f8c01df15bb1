package io.llmstream.core.usecase;

import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.port.StreamEventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The stream event log of one process: every stream's events in a list of its own, readers woken when
 * events arrive. Keeps at most {@code maxEvents} per stream and an ended stream's events for
 * {@code retention}; after that only the stream's {@link StreamInfo} (a few hundred bytes) is remembered, for
 * at most {@value #FORGOTTEN_KEPT} streams, so that a late reader learns which message to read instead.
 * Expired streams are swept when streams are opened, at most once a second; nothing runs in the background.
 */
public final class InMemoryStreamEventLog implements StreamEventLog {

    static final int FORGOTTEN_KEPT = 100_000;
    /** Waits at least this long are untimed: only an append, the end or an interrupt wakes the reader. */
    static final long UNTIMED_NANOS = Duration.ofHours(1).toNanos();

    private final Duration retention;
    private final int maxEvents;
    private final Clock clock;
    private final ConcurrentHashMap<UUID, Log> logs = new ConcurrentHashMap<>();
    private final Map<UUID, StreamInfo> forgotten = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, StreamInfo> eldest) {
            return size() > FORGOTTEN_KEPT;
        }
    };
    private volatile Instant nextSweep = Instant.MIN;

    /**
     * @param retention how long an ended stream's events stay readable
     * @param maxEvents most events kept per stream, the oldest dropped first
     * @param clock     the time retention is measured in
     */
    public InMemoryStreamEventLog(Duration retention, int maxEvents, Clock clock) {
        this.retention = Objects.requireNonNull(retention, "retention is required");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, was " + retention);
        }
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be 1 or more, was " + maxEvents);
        }
        this.maxEvents = maxEvents;
        this.clock = Objects.requireNonNull(clock, "clock is required");
    }

    /** Five minutes of retention, 20,000 events per stream. */
    public static InMemoryStreamEventLog withDefaults() {
        return new InMemoryStreamEventLog(Duration.ofMinutes(5), 20_000, Clock.systemUTC());
    }

    @Override
    public void open(StreamInfo stream) {
        sweep();
        if (logs.putIfAbsent(stream.streamId(), new Log(stream)) != null) {
            throw new IllegalStateException("stream " + stream.streamId() + " is already open");
        }
    }

    @Override
    public void append(UUID streamId, StreamEvent event) {
        log(streamId).append(event);
    }

    @Override
    public void status(UUID streamId, StreamStatus status) {
        log(streamId).status(status);
    }

    @Override
    public Optional<StreamInfo> find(UUID streamId) {
        Optional<Log> log = live(streamId);
        if (log.isPresent()) {
            return Optional.of(log.get().info());
        }
        synchronized (forgotten) {
            return Optional.ofNullable(forgotten.get(streamId));
        }
    }

    @Override
    public Read read(UUID streamId, long afterId, int max, Duration wait) throws InterruptedException {
        Log log = logs.get(streamId);
        if (log == null) {
            return new Read.Expired();
        }
        Read read = log.read(afterId, max, wait); // checks expiry under the lock it reads under: one lock per read
        if (read instanceof Read.Expired) {
            forget(streamId, log);
        }
        return read;
    }

    /** How many streams have events kept; for tests and metrics. */
    public int retainedStreams() {
        return logs.size();
    }

    private Log log(UUID streamId) {
        Log log = logs.get(streamId);
        if (log == null) {
            throw new IllegalStateException("stream " + streamId + " is not open");
        }
        return log;
    }

    /** The stream's log unless it has expired (then it is forgotten on the spot). */
    private Optional<Log> live(UUID streamId) {
        Optional<Log> log = Optional.ofNullable(logs.get(streamId));
        if (log.isPresent() && log.get().expired(clock.instant())) {
            forget(streamId, log.get());
            return Optional.empty();
        }
        return log;
    }

    private void sweep() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plusSeconds(1);
        for (Iterator<Map.Entry<UUID, Log>> it = logs.entrySet().iterator(); it.hasNext();) {
            Map.Entry<UUID, Log> entry = it.next();
            if (entry.getValue().expired(now)) {
                forget(entry.getKey(), entry.getValue());
            }
        }
    }

    private void forget(UUID streamId, Log log) {
        if (logs.remove(streamId, log)) {
            synchronized (forgotten) {
                forgotten.put(streamId, log.info());
            }
        }
    }

    /** One stream: its kept events are {@code events[head..]}, the first of them with id {@code firstId}. */
    private final class Log {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final ArrayList<StreamEvent> events = new ArrayList<>();
        private int head;
        private long firstId = 1;
        private StreamInfo info; // its lastEventId is not kept up to date: lastId is (no allocation per event)
        private long lastId;
        private Instant endedAt;

        Log(StreamInfo info) {
            this.info = info;
            this.lastId = info.lastEventId();
        }

        StreamInfo info() {
            lock.lock();
            try {
                return info.withLastEventId(lastId);
            } finally {
                lock.unlock();
            }
        }

        boolean expired(Instant now) {
            lock.lock();
            try {
                return endedAt != null && !endedAt.plus(retention).isAfter(now);
            } finally {
                lock.unlock();
            }
        }

        void append(StreamEvent event) {
            lock.lock();
            try {
                if (endedAt != null) {
                    throw new IllegalStateException("stream " + info.streamId() + " has ended; event " + event.id() + " was not appended");
                }
                if (event.id() != lastId + 1) {
                    throw new IllegalArgumentException("stream " + info.streamId() + " expects event " + (lastId + 1)
                            + " next, was given " + event.id());
                }
                events.add(event);
                lastId = event.id();
                if (events.size() - head > maxEvents) {
                    dropOldest();
                }
                if (event.isFinal()) {
                    endedAt = clock.instant();
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void dropOldest() {
            events.set(head++, null);
            firstId++;
            if (head >= 1_024 && head * 2 >= events.size()) {
                events.subList(0, head).clear();
                head = 0;
            }
        }

        void status(StreamStatus status) {
            lock.lock();
            try {
                info = info.withStatus(status);
            } finally {
                lock.unlock();
            }
        }

        Read read(long afterId, int max, Duration wait) throws InterruptedException {
            long nanos = wait.toNanos();
            lock.lock();
            try {
                if (endedAt != null && !endedAt.plus(retention).isAfter(clock.instant())) {
                    return new Read.Expired();
                }
                while (true) {
                    long next = afterId + 1;
                    if (next < firstId) {
                        return new Read.Truncated(firstId);
                    }
                    if (next <= lastId) {
                        int from = head + (int) (next - firstId);
                        int to = (int) Math.min(events.size(), (long) from + max);
                        return new Read.Events(List.copyOf(events.subList(from, to)), endedAt != null);
                    }
                    if (endedAt != null || nanos <= 0) {
                        return new Read.Events(List.of(), endedAt != null);
                    }
                    if (nanos >= UNTIMED_NANOS) {
                        changed.await(); // a timed park costs a timer task per wake-up; a reader waiting this long is woken anyway
                    } else {
                        nanos = changed.awaitNanos(nanos);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

}
