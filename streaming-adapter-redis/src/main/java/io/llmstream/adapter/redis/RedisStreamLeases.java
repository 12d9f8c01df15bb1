package io.llmstream.adapter.redis;

import io.lettuce.core.ScriptOutputType;
import io.llmstream.core.port.StreamLeases;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The leases of running streams, in one sorted set per deployment ({@code <prefix>leases}: stream id → the Redis
 * time its lease lapses). Every third of the lease this node renews the leases of the streams it generates and
 * claims up to 50 lapsed ones: the claiming script removes them atomically, so each lapsed stream goes to exactly one
 * node. Times are Redis' own ({@code TIME}), so the nodes' clocks need not agree.
 */
final class RedisStreamLeases implements StreamLeases, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisStreamLeases.class.getName());

    // KEYS: leases. ARGV: lease ms, NX (take) or XX (renew), then stream ids. XX renews only those still held (not taken over).
    private static final String HOLD = """
            local t = redis.call('TIME')
            local lapses = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
            for i = 3, #ARGV do redis.call('ZADD', KEYS[1], ARGV[2], lapses, ARGV[i]) end
            return #ARGV - 2
            """;
    // KEYS: leases. Returns the lapsed stream ids, removed.
    private static final String CLAIM = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local lapsed = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 50)
            for _, id in ipairs(lapsed) do redis.call('ZREM', KEYS[1], id) end
            return lapsed
            """;

    private final RedisEngine engine;
    private final Scripts scripts;
    private final String key;
    private final Duration lease;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final List<Runnable> renewals = new CopyOnWriteArrayList<>();
    private final Thread keeper;
    private volatile Handler handler;
    private volatile boolean closed;

    RedisStreamLeases(RedisEngine engine) {
        this.engine = engine;
        this.scripts = new Scripts(engine.shared().async());
        this.key = engine.keys().prefix() + "leases";
        this.lease = engine.settings().lease();
        this.keeper = Thread.ofVirtual().name("redis-leases").start(this::keep);
    }

    /** This node generates the stream from now on. */
    void hold(UUID streamId) {
        held.add(streamId);
        scripts.run(HOLD, ScriptOutputType.INTEGER, new String[] {key}, String.valueOf(lease.toMillis()), "NX", streamId.toString());
    }

    /** The stream has ended. */
    void release(UUID streamId) {
        held.remove(streamId);
        engine.shared().async().zrem(key, streamId.toString());
    }

    /** Also renews, every period, what this node holds beside its streams' leases (places, turns), so it lapses with them. */
    void renewWith(Runnable renewal) {
        renewals.add(renewal);
    }

    @Override
    public void onLapse(Handler value) {
        this.handler = value;
    }

    private void keep() {
        long period = Math.max(100, lease.toMillis() / 3);
        while (!closed) {
            try {
                Thread.sleep(period); // a period, not a wait for something: the lease is renewed on a clock
                renew();
                renewals.forEach(Runnable::run);
                claim();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "renewing or claiming stream leases failed (retried in " + period + " ms): " + e.getMessage());
            }
        }
    }

    private void renew() {
        if (held.isEmpty()) {
            return;
        }
        String[] args = new String[held.size() + 2];
        args[0] = String.valueOf(lease.toMillis());
        args[1] = "XX";
        int i = 2;
        for (UUID id : held) {
            if (i == args.length) {
                break;
            }
            args[i++] = id.toString();
        }
        RedisStreamEventLog.await(scripts.run(HOLD, ScriptOutputType.INTEGER, new String[] {key},
                java.util.Arrays.copyOf(args, i)), "renew stream leases");
    }

    private void claim() {
        Handler current = handler;
        if (current == null) {
            return;
        }
        List<String> lapsed = RedisStreamEventLog.await(scripts.<List<String>>run(CLAIM, ScriptOutputType.MULTI, new String[] {key}),
                "claim lapsed stream leases");
        for (String id : lapsed) {
            try {
                current.lapsed(UUID.fromString(id));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "ending stream " + id + " of a lost node failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        keeper.interrupt();
    }
}
