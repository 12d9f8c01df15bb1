package io.llmstream.app;

import io.llmstream.http.jersey.json.StoredColumn;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.persistence.jooq.DatabaseConfig;
import io.llmstream.adapter.persistence.jooq.JooqPersistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The request validation's column limits ({@link StoredColumn}) and the migrations are one truth: this migrates a
 * fresh PostgreSQL schema and fails when a column's length differs from the table the API validates with.
 */
class SchemaLimitsTest {

    private static final String SERVER = System.getProperty("llmstream.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");

    @Test
    void shouldValidateRequestFieldsWithTheLengthsOfTheMigratedColumns() throws Exception {
        String schema = "t_limits_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            try {
                JooqPersistence.start(new DatabaseConfig(SERVER + "?currentSchema=" + schema, "postgres", "", 2,
                        Duration.ofSeconds(5))).close();

                Map<String, Integer> columns = varcharLengths(admin, schema);
                for (StoredColumn stored : StoredColumn.values()) {
                    assertThat(columns.get(stored.table() + "." + stored.column()))
                            .as("the migrated length of %s.%s", stored.table(), stored.column())
                            .isEqualTo(stored.maxLength());
                }
            } finally {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static Map<String, Integer> varcharLengths(Connection connection, String schema) throws Exception {
        Map<String, Integer> lengths = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT table_name, column_name, character_maximum_length "
                + "FROM information_schema.columns WHERE table_schema = ? AND character_maximum_length IS NOT NULL")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lengths.put(rows.getString(1) + "." + rows.getString(2), rows.getInt(3));
                }
            }
        }
        return lengths;
    }
}
