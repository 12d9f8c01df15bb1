package io.llmstream.adapter.persistence.jooq;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.llmstream.core.port.Characters;
import io.llmstream.core.port.Dialogues;
import io.llmstream.core.port.KnowledgeDocuments;
import io.llmstream.core.port.MessageStore;
import io.llmstream.core.port.StoreException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * The persistence module's entry point: a connection pool to PostgreSQL or to the embedded H2 file
 * database, migrated by Flyway when it {@linkplain #start starts}, and the store and repositories
 * that share it.
 *
 * <p>Every store call borrows a pooled connection for one statement (or two) and returns it; all
 * are thread-safe and synchronous, and throw {@link StoreException} when the database fails or
 * cannot be reached within {@link DatabaseConfig#connectionTimeout()}. A lost connection is replaced
 * by the pool, so calls succeed again once the database is back. {@link #close()} closes the pool:
 * call it after the application has drained its pending writes.
 */
public final class JooqPersistence implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JooqPersistence.class.getName());
    /** The longest pause between two migration attempts of {@link #startWithoutWaiting}. */
    static final int MAX_RETRY_SECONDS = 10;

    private final HikariDataSource pool;
    private final DSLContext db;
    private final JooqMessageStore messageStore;
    private final JooqCharacters characters;
    private final JooqDialogues dialogues;
    private final JooqKnowledgeDocuments documents;
    private volatile boolean migrated;
    private volatile Thread migrating;
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();

    private JooqPersistence(HikariDataSource pool, SQLDialect dialect, Clock clock, boolean migrated) {
        this.pool = pool;
        this.migrated = migrated;
        this.db = DSL.using(new DefaultConfiguration().set(pool).set(dialect).set(new Settings()
                .withRenderQuotedNames(RenderQuotedNames.NEVER)
                // the SQL log would carry message text at DEBUG: keep it out of the logs
                .withExecuteLogging(false))
                // nothing reaches a schema that is not migrated yet (startWithoutWaiting): every call fails as if unreachable
                .set(ExecuteListener.onStart(context -> {
                    if (!this.migrated) {
                        throw new DataAccessException("the database is not migrated yet");
                    }
                    (context.type() == ExecuteType.READ ? reads : writes).increment();
                })));
        OwnerRows owners = new OwnerRows(clock);
        this.messageStore = new JooqMessageStore(db);
        this.characters = new JooqCharacters(db, owners);
        this.dialogues = new JooqDialogues(db, owners);
        this.documents = new JooqKnowledgeDocuments(db);
    }

    /** Queries sent to the database since start: one round trip each (the stream set-up's cost in the benchmarks). */
    public long readStatements() {
        return reads.sum();
    }

    /** Every other statement sent since start (inserts, updates, deletes; a batch counts once: one round trip). */
    public long writeStatements() {
        return writes.sum();
    }

    /**
     * Opens the pool and applies pending migrations.
     *
     * @throws StoreException when the database cannot be reached or a migration fails (the pool is closed then)
     */
    public static JooqPersistence start(DatabaseConfig config) {
        return start(config, Clock.systemUTC());
    }

    static JooqPersistence start(DatabaseConfig config, Clock clock) {
        Objects.requireNonNull(config, "database config is required");
        HikariDataSource pool = openPool(config, true);
        try {
            migrate(pool, config);
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("could not migrate the database " + config, e);
        }
        return new JooqPersistence(pool, dialect(config), clock, true);
    }

    /**
     * Like {@link #start}, but comes up during a database outage: when the database cannot be reached or migrated
     * now, the pool starts empty and a background thread migrates as soon as it can (trying again after 1 s, 2 s, …,
     * at most every {@value #MAX_RETRY_SECONDS} s, each failure logged). Until then {@link #ping()} is false and
     * every store call fails with {@link StoreException}. For a server whose message journal holds what it
     * accepted before it was restarted, and that should take it to the database once it is back.
     */
    public static JooqPersistence startWithoutWaiting(DatabaseConfig config) {
        Objects.requireNonNull(config, "database config is required");
        HikariDataSource pool = openPool(config, false);
        try {
            migrate(pool, config);
            return new JooqPersistence(pool, dialect(config), Clock.systemUTC(), true);
        } catch (FlywayException e) {
            LOG.log(System.Logger.Level.WARNING, "the database " + config + " cannot be migrated now (" + rootMessage(e)
                    + "); starting without it and trying again in the background");
        }
        JooqPersistence persistence = new JooqPersistence(pool, dialect(config), Clock.systemUTC(), false);
        persistence.migrating = Thread.ofPlatform().daemon().name("llmstream-db-migration")
                .start(() -> persistence.migrateWhenReachable(config));
        return persistence;
    }

    private void migrateWhenReachable(DatabaseConfig config) {
        long pauseSeconds = 1;
        while (true) {
            try {
                Thread.sleep(pauseSeconds * 1_000);
                migrate(pool, config);
                migrated = true;
                return;
            } catch (InterruptedException e) {
                return; // closed
            } catch (FlywayException | IllegalStateException e) {
                if (pool.isClosed()) {
                    return;
                }
                pauseSeconds = Math.min(pauseSeconds * 2, MAX_RETRY_SECONDS);
                LOG.log(System.Logger.Level.WARNING, "the database " + config + " still cannot be migrated (" + rootMessage(e)
                        + "); trying again in " + pauseSeconds + " s");
            }
        }
    }

    private static void migrate(HikariDataSource pool, DatabaseConfig config) {
        MigrateResult result = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.log(System.Logger.Level.INFO, "database {0} at schema version {1} ({2} migrations applied)",
                config, result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    private static SQLDialect dialect(DatabaseConfig config) {
        return config.isPostgres() ? SQLDialect.POSTGRES : SQLDialect.H2;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static HikariDataSource openPool(DatabaseConfig config, boolean failFast) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("llmstream-db");
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        // a fixed-size pool, as HikariCP recommends: no connection churn under bursts
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(config.poolSize());
        long timeoutMillis = config.connectionTimeout().toMillis();
        hikari.setConnectionTimeout(timeoutMillis);
        hikari.setValidationTimeout(Math.max(250, timeoutMillis / 2));
        // waits up to the timeout for a database that starts together with the server, then fails; or starts empty
        hikari.setInitializationFailTimeout(failFast ? timeoutMillis : -1);
        if (!config.isPostgres()) {
            hikari.setExceptionOverride(new H2ConnectionLoss());
        }
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("could not connect to the database " + config, e);
        }
    }

    /** Stores the messages of the dialogues {@link #dialogues()} holds. */
    public MessageStore messageStore() {
        return messageStore;
    }

    public Characters characters() {
        return characters;
    }

    public Dialogues dialogues() {
        return dialogues;
    }

    public KnowledgeDocuments documents() {
        return documents;
    }

    /** Whether the database is migrated and answers a trivial query now (for readiness checks); never throws. */
    public boolean ping() {
        if (!migrated) {
            return false;
        }
        try {
            db.selectOne().fetch();
            return true;
        } catch (DataAccessException e) {
            return false;
        }
    }

    /** Closes the pool; calls made afterwards fail with {@link StoreException}. Idempotent. */
    @Override
    public void close() {
        Thread migration = migrating;
        if (migration != null) {
            migration.interrupt();
        }
        pool.close();
    }
}
