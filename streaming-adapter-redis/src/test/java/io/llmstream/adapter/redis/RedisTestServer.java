package io.llmstream.adapter.redis;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The test Redis (127.0.0.1:6379, or the system property {@code llmstream.test.redis.url}) with a key prefix of
 * its own per run. When Redis cannot be reached the test is skipped locally, and fails when {@code CI=true}.
 */
final class RedisTestServer implements AutoCloseable {

    static final String URL = System.getProperty("llmstream.test.redis.url", "redis://127.0.0.1:6379");

    final String prefix = "llmstream-test:" + UUID.randomUUID() + ":";
    private final List<RedisEngine> engines = new ArrayList<>();

    static RedisTestServer require() {
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().ping();
        } catch (RedisException e) {
            String message = "Redis is not reachable at " + URL + " (" + e.getMessage()
                    + "); start it to run the Redis tests (CI=true makes them mandatory)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message, e);
            }
            Assumptions.abort(message);
        } finally {
            client.shutdown();
        }
        return new RedisTestServer();
    }

    RedisSettings settings(String nodeId, int maxEvents) {
        return new RedisSettings(URL, prefix, nodeId, Duration.ofSeconds(60), maxEvents, Duration.ofHours(1), Duration.ofSeconds(2));
    }

    RedisEngine engine(RedisSettings settings) {
        RedisEngine engine = RedisEngine.connect(settings);
        engines.add(engine);
        return engine;
    }

    /** Makes an ended stream's retention pass: its events key has the retention expiry (running keys have a longer one). */
    void letRetentionPass(RedisEngine engine, UUID streamId) {
        String key = engine.keys().events(streamId);
        var redis = engine.shared().sync();
        long ttl = redis.pttl(key);
        if (ttl > 0 && ttl <= engine.settings().retention().toMillis()) {
            redis.pexpire(key, 1);
            while (redis.exists(key) == 1) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() {
        engines.forEach(RedisEngine::close);
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            var redis = connection.sync();
            ScanIterator.scan(redis, KeyScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(redis::unlink);
        } finally {
            client.shutdown();
        }
    }
}
