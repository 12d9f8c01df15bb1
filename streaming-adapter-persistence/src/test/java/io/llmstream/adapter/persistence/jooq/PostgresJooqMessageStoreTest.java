package io.llmstream.adapter.persistence.jooq;

import io.llmstream.testkit.contract.MessageStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The testkit's persistence contract on PostgreSQL, in a fresh schema for this class. */
class PostgresJooqMessageStoreTest extends MessageStoreContract {

    private static PostgresTestDatabase database;
    private static JooqPersistence persistence;

    @BeforeAll
    static void start() {
        PostgresTestDatabase.requireServer();
        database = PostgresTestDatabase.create();
        persistence = JooqPersistence.start(database.config());
    }

    @AfterAll
    static void stop() {
        if (persistence != null) {
            persistence.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected Stores stores() {
        // every row hangs off its owner: deleting the owners empties the schema
        PostgresTestDatabase.execute("DELETE FROM " + database.schema + ".owners");
        return new Stores(persistence.messageStore(), persistence.characters(), persistence.dialogues(),
                persistence.documents());
    }
}
