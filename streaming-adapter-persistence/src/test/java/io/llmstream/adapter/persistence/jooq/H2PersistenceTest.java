package io.llmstream.adapter.persistence.jooq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The contract on the embedded H2 file database, migrated from an empty file. */
class H2PersistenceTest extends PersistenceContract {

    private Path dataDir;

    @Override
    protected DatabaseConfig openEmptyDatabase() {
        try {
            dataDir = Files.createTempDirectory("llmstream-h2-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return DatabaseConfig.embedded(dataDir);
    }

    @Override
    protected void dropDatabase() {
        deleteRecursively(dataDir);
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
