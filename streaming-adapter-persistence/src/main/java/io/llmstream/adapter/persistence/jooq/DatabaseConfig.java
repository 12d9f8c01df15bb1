package io.llmstream.adapter.persistence.jooq;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the database is and how many connections to keep to it.
 *
 * @param url               a JDBC URL: {@code jdbc:postgresql://...} or {@code jdbc:h2:...}
 * @param user              database user (may be empty)
 * @param password          database password (may be empty); never printed by {@link #toString()}
 * @param poolSize          connections kept open, 1..200 (see docs/persistence.md for sizing)
 * @param connectionTimeout how long a call waits for a connection before it fails with a
 *                          {@code StoreException}, at least 250 ms
 */
public record DatabaseConfig(String url, String user, String password, int poolSize, Duration connectionTimeout) {

    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_POOL_SIZE = 200;
    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public DatabaseConfig {
        Objects.requireNonNull(url, "db url is required");
        Objects.requireNonNull(user, "db user is required (may be empty)");
        Objects.requireNonNull(password, "db password is required (may be empty)");
        Objects.requireNonNull(connectionTimeout, "db connection timeout is required");
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException(
                    "db url must start with jdbc:postgresql: or jdbc:h2:, was '" + withoutParameters(url) + "'");
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("db pool size must be within 1.." + MAX_POOL_SIZE + ", was " + poolSize);
        }
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException(
                    "db connection timeout must be at least 250 ms, was " + connectionTimeout.toMillis() + " ms");
        }
    }

    /** A PostgreSQL (or any supported URL) configuration with the default pool size and timeout. */
    public static DatabaseConfig of(String url, String user, String password) {
        return new DatabaseConfig(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    /**
     * The embedded default: an H2 file database in PostgreSQL mode at {@code <dataDir>/db/llmstream.mv.db},
     * created on first start. H2's own shutdown hook is off so the application can drain pending writes
     * before it closes the pool.
     */
    public static DatabaseConfig embedded(Path dataDir) {
        Objects.requireNonNull(dataDir, "data dir is required");
        return of(embeddedUrl(dataDir), "sa", "");
    }

    /** The JDBC URL of the embedded database under a data directory. */
    public static String embeddedUrl(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("db").resolve("llmstream");
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The same configuration with another pool size. */
    public DatabaseConfig withPoolSize(int size) {
        return new DatabaseConfig(url, user, password, size, connectionTimeout);
    }

    /** The same configuration with another connection timeout. */
    public DatabaseConfig withConnectionTimeout(Duration timeout) {
        return new DatabaseConfig(url, user, password, poolSize, timeout);
    }

    boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** Shown without the password and without URL parameters (they may carry credentials). */
    @Override
    public String toString() {
        return "DatabaseConfig[url=" + withoutParameters(url) + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", poolSize=" + poolSize + ", connectionTimeout=" + connectionTimeout + "]";
    }

    private static String withoutParameters(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }
}
