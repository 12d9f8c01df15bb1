package io.llmstream.adapter.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.StreamLogException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stream event log on Redis: one Redis Stream per answer (entry id {@code <eventId>-0}, so a retried append
 * cannot duplicate, trimmed to {@code maxEvents}), what is known about it in a hash beside it. Appends are checked
 * and written by one script each, sent without waiting for the answer (pipelined on the shared connection, so
 * in order) except every {@value #AWAIT_EVERY}th and the final one; waiting readers share one {@link StreamTail}
 * per stream on this node.
 */
final class RedisStreamEventLog implements StreamEventLog {

    /** Unacknowledged appends of one stream at most before the producer waits for Redis (backpressure). */
    static final int AWAIT_EVERY = 64;
    /** How long an ended stream's hash outlives its events, so that a late client learns its message. */
    static final Duration REMEMBERED = Duration.ofDays(1);

    // KEYS: info, events. ARGV: id, entry, final (1|0), maxlen, running ms, ended events ms, ended info ms.
    // Returns 1 when appended, 0 when this id is already there (a retried append).
    static final String APPEND = """
            local last = redis.call('HGET', KEYS[1], 'last')
            if not last then return redis.error_reply('NOSTREAM stream is not open') end
            local id = tonumber(ARGV[1])
            if id <= tonumber(last) then return 0 end
            if redis.call('HGET', KEYS[1], 'ended') == '1' then return redis.error_reply('ENDED stream has ended') end
            if id ~= tonumber(last) + 1 then return redis.error_reply('NOTNEXT expected ' .. (tonumber(last) + 1)) end
            redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[4], ARGV[1] .. '-0', 'e', ARGV[2])
            redis.call('HSET', KEYS[1], 'last', ARGV[1])
            if ARGV[3] == '1' then
              redis.call('HSET', KEYS[1], 'ended', '1')
              redis.call('PEXPIRE', KEYS[2], ARGV[6])
              redis.call('PEXPIRE', KEYS[1], ARGV[7])
            else
              redis.call('PEXPIRE', KEYS[2], ARGV[5])
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
            end
            return 1
            """;
    // KEYS: info. ARGV: status. A forgotten stream's status is not resurrected as a hash of one field.
    private static final String STATUS = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], 'status', ARGV[1])
            return 1
            """;
    // KEYS: info. ARGV: running ms, then field/value pairs.
    private static final String OPEN = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('EXISTS stream is already open') end
            for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """;

    private final RedisEngine engine;
    private final RedisKeys keys;
    private final RedisAsyncCommands<String, String> redis;
    private final RedisSettings settings;
    private final Scripts scripts;
    private final ConcurrentHashMap<UUID, Appender> appenders = new ConcurrentHashMap<>();
    private final StreamTails tails;
    private final RedisStreamLeases leases;

    RedisStreamEventLog(RedisEngine engine, RedisStreamLeases leases) {
        this.engine = engine;
        this.leases = leases;
        this.keys = engine.keys();
        this.redis = engine.shared().async();
        this.settings = engine.settings();
        this.scripts = new Scripts(redis);
        this.tails = new StreamTails(engine);
    }

    @Override
    public void open(StreamInfo stream) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(settings.runningExpiry().toMillis()),
                "owner", stream.owner(), "kind", stream.dialogue().kind().name(), "dialogue", stream.dialogue().id().toString(),
                "message", stream.messageId().toString(), "status", stream.status().name(), "last", String.valueOf(stream.lastEventId()),
                "created", stream.createdAt().toString(), "node", settings.nodeId()));
        await(scripts.run(OPEN, ScriptOutputType.INTEGER, new String[] {keys.info(stream.streamId())}, args.toArray(String[]::new)),
                "open stream " + stream.streamId());
        appenders.put(stream.streamId(), new Appender(stream.lastEventId()));
        leases.hold(stream.streamId());
    }

    @Override
    public void append(UUID streamId, StreamEvent event) {
        Appender appender = appenders.computeIfAbsent(streamId, this::appenderFromRedis);
        synchronized (appender) {
            appender.check(streamId, event);
            CompletableFuture<Long> written = scripts.run(APPEND, ScriptOutputType.INTEGER,
                    new String[] {keys.info(streamId), keys.events(streamId)},
                    String.valueOf(event.id()), StreamEventCodec.encode(event), event.isFinal() ? "1" : "0",
                    String.valueOf(settings.maxEvents()), String.valueOf(settings.runningExpiry().toMillis()),
                    String.valueOf(settings.retention().toMillis()), String.valueOf(settings.retention().plus(REMEMBERED).toMillis()));
            appender.sent(event, written);
            if (event.isFinal()) {
                appenders.remove(streamId, appender);
                leases.release(streamId);
            }
            if (event.isFinal() || appender.unacknowledged >= AWAIT_EVERY) {
                await(written, "append event " + event.id() + " of stream " + streamId);
                appender.acknowledged(streamId);
            }
        }
    }

    @Override
    public void status(UUID streamId, StreamStatus status) {
        scripts.run(STATUS, ScriptOutputType.INTEGER, new String[] {keys.info(streamId)}, status.name());
    }

    @Override
    public Optional<StreamInfo> find(UUID streamId) {
        Map<String, String> hash = await(redis.hgetall(keys.info(streamId)), "find stream " + streamId);
        return hash.containsKey("owner") ? Optional.of(info(streamId, hash)) : Optional.empty();
    }

    @Override
    public Read read(UUID streamId, long afterId, int max, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Read.Events> remembered = tails.recent(streamId, afterId, max);
            if (remembered.isPresent()) {
                return remembered.get();
            }
            long left = deadline - System.nanoTime();
            if (left > 0 && tails.caughtUp(streamId, afterId)) {
                // a subscriber that has read everything waits for the tail's next event, with no round trip to Redis
                tails.await(streamId, afterId, wait.compareTo(StreamTails.UNTIMED) >= 0 ? Long.MAX_VALUE : left);
                continue;
            }
            Read read = readFromRedis(streamId, afterId, max);
            if (!(read instanceof Read.Events events) || !events.events().isEmpty() || events.ended() || left <= 0) {
                return read;
            }
            tails.await(streamId, afterId, wait.compareTo(StreamTails.UNTIMED) >= 0 ? Long.MAX_VALUE : left);
        }
    }

    /** How many blocking reads this node runs now, one per stream waited on. */
    int blockingReads() {
        return tails.active();
    }

    private Read readFromRedis(UUID streamId, long afterId, int max) {
        // the state first, then the events, pipelined: an event appended in between is read, never taken for expired
        RedisFuture<List<KeyValue<String, String>>> state = redis.hmget(keys.info(streamId), "last", "ended");
        RedisFuture<List<StreamMessage<String, String>>> range = redis.xrange(keys.events(streamId),
                Range.from(Range.Boundary.including((afterId + 1) + "-0"), Range.Boundary.unbounded()), Limit.from(max));
        List<StreamMessage<String, String>> entries = await(range, "read stream " + streamId);
        List<KeyValue<String, String>> fields = await(state, "read stream " + streamId);
        boolean known = fields.get(0).hasValue();
        boolean ended = fields.get(1).hasValue() && "1".equals(fields.get(1).getValue());
        if (entries.isEmpty()) {
            // the newest entry is never trimmed: a newer one that cannot be read means the events have expired
            boolean gone = !known || Long.parseLong(fields.get(0).getValue()) > afterId;
            return gone ? new Read.Expired() : new Read.Events(List.of(), ended);
        }
        long first = entryId(entries.get(0));
        if (first > afterId + 1) {
            return new Read.Truncated(first);
        }
        List<StreamEvent> events = new ArrayList<>(entries.size());
        for (StreamMessage<String, String> entry : entries) {
            events.add(StreamEventCodec.decode(entry.getBody().get("e")));
        }
        return new Read.Events(events, ended || events.getLast().isFinal());
    }

    static long entryId(StreamMessage<String, String> entry) {
        String id = entry.getId();
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    private Appender appenderFromRedis(UUID streamId) {
        Map<String, String> hash = await(redis.hmget(keys.info(streamId), "last", "ended"), "append to stream " + streamId)
                .stream().collect(java.util.stream.Collectors.toMap(kv -> kv.getKey(), kv -> kv.getValueOrElse("")));
        if (hash.get("last").isEmpty()) {
            throw new IllegalStateException("stream " + streamId + " is not open");
        }
        Appender appender = new Appender(Long.parseLong(hash.get("last")));
        appender.ended = "1".equals(hash.get("ended"));
        return appender;
    }

    private static StreamInfo info(UUID streamId, Map<String, String> hash) {
        return new StreamInfo(streamId, hash.get("owner"),
                new DialogueRef(DialogueKind.valueOf(hash.get("kind")), UUID.fromString(hash.get("dialogue"))),
                UUID.fromString(hash.get("message")), StreamStatus.valueOf(hash.get("status")), Long.parseLong(hash.get("last")),
                Instant.parse(hash.get("created")));
    }

    static <T> T await(Future<T> future, String what) {
        try {
            return future.get(RedisEngine.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamLogException("interrupted while waiting for Redis to " + what, e);
        } catch (ExecutionException e) {
            throw failed(what, e.getCause());
        } catch (TimeoutException | RedisException e) { // a rejected command (connection down) throws at once
            throw failed(what, e);
        }
    }

    private static RuntimeException failed(String what, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (message.startsWith("NOTNEXT") || message.startsWith("EXISTS")) {
            return new IllegalArgumentException("could not " + what + ": " + message, cause);
        }
        if (message.startsWith("ENDED") || message.startsWith("NOSTREAM")) {
            return new IllegalStateException("could not " + what + ": " + message, cause);
        }
        return new StreamLogException("Redis could not " + what + ": " + message, cause);
    }

    /** What this node knows of a stream it appends to: the checks without a round trip, and the last unanswered append. */
    private static final class Appender {
        private long lastId;
        private boolean ended;
        private int unacknowledged;
        private volatile Throwable failure;

        Appender(long lastId) {
            this.lastId = lastId;
        }

        void check(UUID streamId, StreamEvent event) {
            if (failure != null) {
                throw new StreamLogException("an earlier append to stream " + streamId + " failed: " + failure.getMessage(), failure);
            }
            if (ended) {
                throw new IllegalStateException("stream " + streamId + " has ended; event " + event.id() + " was not appended");
            }
            if (event.id() != lastId + 1) {
                throw new IllegalArgumentException("stream " + streamId + " expects event " + (lastId + 1) + " next, was given " + event.id());
            }
        }

        void sent(StreamEvent event, CompletableFuture<Long> written) {
            lastId = event.id();
            ended = event.isFinal();
            unacknowledged++;
            written.whenComplete((result, error) -> {
                if (error != null && failure == null) {
                    failure = error;
                }
            });
        }

        /** The shared connection answers in order: once the newest append is answered, so are all before it. */
        void acknowledged(UUID streamId) {
            unacknowledged = 0;
            if (failure != null) {
                throw new StreamLogException("an append to stream " + streamId + " failed: " + failure.getMessage(), failure);
            }
        }
    }
}
