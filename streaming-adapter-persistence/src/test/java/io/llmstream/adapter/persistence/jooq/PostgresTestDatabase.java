package io.llmstream.adapter.persistence.jooq;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh schema in the PostgreSQL test database (127.0.0.1:5432/test, user postgres). When it cannot
 * be reached the test is skipped locally, and fails when {@code CI=true}.
 */
final class PostgresTestDatabase implements AutoCloseable {

    /** The test database; the system property {@code llmstream.test.pg.url} points the tests elsewhere. */
    static final String SERVER_URL =
            System.getProperty("llmstream.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String ADMIN_USER = "postgres";

    final String schema;

    private PostgresTestDatabase(String schema) {
        this.schema = schema;
    }

    /** Creates a schema with a random name, owned by {@code owner} (the admin user when null). */
    static PostgresTestDatabase create(String owner) {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema + (owner == null ? "" : " AUTHORIZATION " + owner));
        return new PostgresTestDatabase(schema);
    }

    static PostgresTestDatabase create() {
        return create(null);
    }

    /** Whether the server answers; aborts the test locally, fails it on CI, when it does not. */
    static void requireServer() {
        try (Connection connection = admin()) {
            if (!connection.isValid(2)) {
                throw new SQLException("the connection is not valid");
            }
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + SERVER_URL + " as " + ADMIN_USER + " ("
                    + e.getMessage() + "); start it to run the PostgreSQL contract tests (CI=true makes them mandatory)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message, e);
            }
            Assumptions.abort(message);
        }
    }

    DatabaseConfig config(String user, Duration connectionTimeout) {
        return new DatabaseConfig(SERVER_URL + "?currentSchema=" + schema + "&ApplicationName=" + schema, user, "",
                4, connectionTimeout);
    }

    DatabaseConfig config() {
        return config(ADMIN_USER, Duration.ofSeconds(2));
    }

    static Connection admin() throws SQLException {
        return DriverManager.getConnection(SERVER_URL, ADMIN_USER, "");
    }

    static void execute(String sql) {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test setup SQL failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
