package io.llmstream.adapter.persistence.jooq;

/** The contract on PostgreSQL, in a fresh schema migrated from empty. */
class PostgresPersistenceTest extends PersistenceContract {

    private PostgresTestDatabase database;

    @Override
    protected DatabaseConfig openEmptyDatabase() {
        PostgresTestDatabase.requireServer();
        database = PostgresTestDatabase.create();
        return database.config();
    }

    @Override
    protected void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
