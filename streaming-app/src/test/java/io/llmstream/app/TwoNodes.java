package io.llmstream.app;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * What several nodes share, for one test: a PostgreSQL schema and a Redis key prefix of their own, and the
 * configuration that makes a node use them ({@code STREAM_ENGINE=redis}). When Redis cannot be reached the test is
 * skipped locally, and fails when {@code CI=true}.
 */
final class TwoNodes implements AutoCloseable {

    static final String PG = System.getProperty("llmstream.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String REDIS = System.getProperty("llmstream.test.redis.url", "redis://127.0.0.1:6379");

    final String schema = "t_nodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    final String prefix = "llmstream-test:" + UUID.randomUUID() + ":";

    private TwoNodes() throws SQLException {
        sql("CREATE SCHEMA " + schema);
    }

    static TwoNodes require() throws SQLException {
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().ping();
        } catch (RedisException e) {
            String message = "Redis is not reachable at " + REDIS + " (" + e.getMessage()
                    + "); start it to run the several-nodes tests (CI=true makes them mandatory)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message, e);
            }
            Assumptions.abort(message);
        } finally {
            client.shutdown();
        }
        return new TwoNodes();
    }

    /** The configuration of node {@code name} on the shared database and Redis, plus {@code extra}. */
    Map<String, String> node(String name, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("stream.engine", "redis", "redis.url", REDIS, "redis.key-prefix", prefix,
                "node.id", name, "db.url", PG + "?currentSchema=" + schema, "db.user", "postgres"));
        config.putAll(extra);
        return config;
    }

    AppFixture start(Path dataDir, String name, Map<String, String> extra) throws Exception {
        return new AppFixture(dataDir, node(name, extra));
    }

    /** Stops the nodes that started, then drops what they shared; for a test's {@code @AfterEach}. */
    static void stop(TwoNodes shared, AppFixture... nodes) throws Exception {
        for (AppFixture node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        if (shared != null) {
            shared.close();
        }
    }

    static URI on(AppFixture node, String path) {
        return node.uri(path);
    }

    String scalar(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(PG + "?currentSchema=" + schema, "postgres", "");
                Statement statement = connection.createStatement(); var rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Override
    public void close() throws SQLException {
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            var redis = connection.sync();
            ScanIterator.scan(redis, KeyScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(redis::unlink);
        } finally {
            client.shutdown();
        }
    }

    private static void sql(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(PG, "postgres", ""); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
