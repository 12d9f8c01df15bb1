package io.llmstream.adapter.persistence.jooq;

import io.llmstream.testkit.contract.MessageStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The testkit's persistence contract on the embedded H2 file database. */
class H2JooqMessageStoreTest extends MessageStoreContract {

    private static Path dataDir;
    private static JooqPersistence persistence;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("llmstream-h2-contract-");
        persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir));
    }

    @AfterAll
    static void stop() {
        if (persistence != null) {
            persistence.close();
        }
        H2PersistenceTest.deleteRecursively(dataDir);
    }

    @Override
    protected Stores stores() {
        // every row hangs off its owner: deleting the owners empties the database
        try (Connection connection = DriverManager.getConnection(DatabaseConfig.embeddedUrl(dataDir), "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM owners");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Stores(persistence.messageStore(), persistence.characters(), persistence.dialogues(),
                persistence.documents());
    }
}
