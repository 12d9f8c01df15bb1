package io.llmstream.adapter.persistence.jooq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The persistence a JMH benchmark runs against: {@code h2}, the embedded database in a temporary directory, or
 * {@code postgres}, a fresh schema of the PostgreSQL test database. Closing it closes the persistence and drops what
 * it made.
 */
final class BenchmarkDatabase implements AutoCloseable {

    final JooqPersistence persistence;
    private final Path dataDir;
    private final PostgresTestDatabase postgres;

    private BenchmarkDatabase(JooqPersistence persistence, Path dataDir, PostgresTestDatabase postgres) {
        this.persistence = persistence;
        this.dataDir = dataDir;
        this.postgres = postgres;
    }

    static BenchmarkDatabase open(String database) throws IOException {
        return switch (database) {
            case "h2" -> {
                Path dataDir = Files.createTempDirectory("persistence-bench");
                yield new BenchmarkDatabase(JooqPersistence.start(DatabaseConfig.embedded(dataDir)), dataDir, null);
            }
            case "postgres" -> {
                PostgresTestDatabase postgres = PostgresTestDatabase.create();
                yield new BenchmarkDatabase(JooqPersistence.start(postgres.config()), null, postgres);
            }
            default -> throw new IllegalArgumentException("database is h2 or postgres, was " + database);
        };
    }

    @Override
    public void close() throws IOException {
        persistence.close();
        if (postgres != null) {
            postgres.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
