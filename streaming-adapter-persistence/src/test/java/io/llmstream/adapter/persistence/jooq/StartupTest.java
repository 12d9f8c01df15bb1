package io.llmstream.adapter.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.llmstream.core.model.Chat;
import io.llmstream.core.port.StoreException;
import io.llmstream.testkit.TcpProxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
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
    void shouldComeUpWithoutAnUnreachableDatabaseAndMigrateAndStoreOnceItIsBack() throws Exception {
        PostgresTestDatabase.requireServer();
        URI server = URI.create(PostgresTestDatabase.SERVER_URL.substring("jdbc:".length()));
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
                TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort())) {
            proxy.cut();
            DatabaseConfig throughProxy = new DatabaseConfig("jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath()
                    + "?currentSchema=" + database.schema, PostgresTestDatabase.ADMIN_USER, "", 2, Duration.ofMillis(500));

            try (JooqPersistence persistence = JooqPersistence.startWithoutWaiting(throughProxy)) {
                assertThat(persistence.ping()).isFalse();
                Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(),
                        Instant.parse("2026-11-30T12:00:00Z"));
                assertThatThrownBy(() -> persistence.dialogues().createChat(chat)).isInstanceOf(StoreException.class);

                proxy.restore();
                await().atMost(Duration.ofSeconds(20)).until(persistence::ping);
                persistence.dialogues().createChat(chat);
                assertThat(persistence.dialogues().findChat("alice", chat.id())).isPresent();
            }
        }
    }

    @Test
    void shouldCreateTheEmbeddedDatabaseFileUnderTheDataDirectory(@TempDir Path dataDir) {
        try (JooqPersistence persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir))) {
            assertThat(persistence.ping()).isTrue();
        }

        assertThat(Files.exists(dataDir.resolve("db").resolve("llmstream.mv.db"))).isTrue();
    }
}
