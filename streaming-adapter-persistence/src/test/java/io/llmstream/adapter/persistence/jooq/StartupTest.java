package io.llmstream.adapter.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.port.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTest {

    @Test
    void shouldFailWithStoreExceptionWithoutThePasswordWhenTheDatabaseCannotBeReached() {
        DatabaseConfig nowhere = new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/none", "app", "s3cret-pw", 1,
                Duration.ofMillis(300));

        assertThatThrownBy(() -> JooqPersistence.start(nowhere))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("could not connect to the database")
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    void shouldCreateTheEmbeddedDatabaseFileUnderTheDataDirectory(@TempDir Path dataDir) {
        try (JooqPersistence persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir))) {
            assertThat(persistence.ping()).isTrue();
        }

        assertThat(Files.exists(dataDir.resolve("db").resolve("llmstream.mv.db"))).isTrue();
    }
}
