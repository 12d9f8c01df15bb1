package io.llmstream.adapter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.llmstream.core.port.StreamAdmission;
import io.llmstream.core.port.StreamCommandRoute;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.StreamLeases;
import io.llmstream.core.port.StreamLogException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * This node's link to Redis: one shared connection for every non-blocking command (appends of all streams are
 * pipelined on it, in order), and a pool of connections for the blocking reads, so that a blocked {@code XREAD}
 * never holds up an append. Close it last.
 */
public final class RedisEngine implements AutoCloseable {

    private static final int IDLE_BLOCKING_KEPT = 16;
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RECONNECT = Duration.ofMillis(500);

    private final RedisSettings settings;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> shared;
    private final Queue<StatefulRedisConnection<String, String>> idleBlocking = new ConcurrentLinkedQueue<>();
    private final RedisKeys keys;
    private RedisStreamEventLog log;
    private RedisStreamCommandRoute route;
    private RedisStreamLeases leases;
    private RedisStreamAdmission admission;
    private boolean closed;

    private RedisEngine(RedisSettings settings, RedisClient client, StatefulRedisConnection<String, String> shared) {
        this.settings = settings;
        this.client = client;
        this.shared = shared;
        this.keys = new RedisKeys(settings.keyPrefix());
    }

    /**
     * Connects to Redis and checks that it answers.
     *
     * @throws StreamLogException naming the URL when Redis cannot be reached
     */
    public static RedisEngine connect(RedisSettings settings) {
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(COMMAND_TIMEOUT);
        // reconnect every half second at most: Redis back after an outage is used within a second, not Lettuce's 30 s
        ClientResources resources = DefaultClientResources.builder().reconnectDelay(Delay.constant(RECONNECT)).build();
        RedisClient client = RedisClient.create(resources, uri);
        // a command sent while the connection is down fails at once instead of queueing: callers answer 503
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        try {
            StatefulRedisConnection<String, String> shared = client.connect();
            shared.sync().ping();
            return new RedisEngine(settings, client, shared);
        } catch (RedisException e) {
            client.shutdown();
            resources.shutdown();
            throw new StreamLogException("Redis is not reachable at " + redacted(settings.url()) + ": " + e.getMessage(), e);
        }
    }

    /** The stream event log on this Redis (one per node: its blocking reads are shared by all local readers). */
    public synchronized StreamEventLog eventLog() {
        if (log == null) {
            log = new RedisStreamEventLog(this, leases());
        }
        return log;
    }

    /** The stream caps and the one answer per dialogue, counted over every node. */
    public synchronized StreamAdmission streamAdmission() {
        if (admission == null) {
            admission = new RedisStreamAdmission(this, leases());
        }
        return admission;
    }

    /** Requests counted across every node, for the rate limit. */
    public RedisRequestCounter requestCounter() {
        return new RedisRequestCounter(this);
    }

    /** The leases of the streams this node generates, and the lapsed streams of lost nodes. */
    public synchronized StreamLeases streamLeases() {
        return leases();
    }

    private synchronized RedisStreamLeases leases() {
        if (leases == null) {
            leases = new RedisStreamLeases(this);
        }
        return leases;
    }

    /** Stop, pause, resume and subscriptions for streams generated on other nodes, over pub/sub. */
    public synchronized StreamCommandRoute commandRoute() {
        if (route == null) {
            route = new RedisStreamCommandRoute(this);
        }
        return route;
    }

    /** Whether Redis answers now. */
    public boolean reachable() {
        try {
            return "PONG".equals(shared.sync().ping());
        } catch (RedisException e) {
            return false;
        }
    }

    public RedisSettings settings() {
        return settings;
    }

    RedisKeys keys() {
        return keys;
    }

    StatefulRedisConnection<String, String> shared() {
        return shared;
    }

    RedisClient client() {
        return client;
    }

    /** A connection of its own for a blocking read; give it back with {@link #release}. */
    StatefulRedisConnection<String, String> borrowBlocking() {
        StatefulRedisConnection<String, String> connection = idleBlocking.poll();
        return connection != null && connection.isOpen() ? connection : client.connect();
    }

    void release(StatefulRedisConnection<String, String> connection) {
        if (connection.isOpen() && idleBlocking.size() < IDLE_BLOCKING_KEPT) {
            idleBlocking.offer(connection);
        } else {
            connection.closeAsync();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (leases != null) {
            leases.close();
        }
        if (route != null) {
            route.close();
        }
        StatefulRedisConnection<String, String> connection;
        while ((connection = idleBlocking.poll()) != null) {
            connection.close();
        }
        shared.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        client.getResources().shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The URL without its password, for messages. */
    static String redacted(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }
}
