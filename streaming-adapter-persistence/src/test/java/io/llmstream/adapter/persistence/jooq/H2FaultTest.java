package io.llmstream.adapter.persistence.jooq;

import static io.llmstream.adapter.persistence.jooq.Fixtures.T0;
import static io.llmstream.adapter.persistence.jooq.Fixtures.chat;
import static io.llmstream.adapter.persistence.jooq.Fixtures.newOwner;
import static io.llmstream.adapter.persistence.jooq.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Message;
import io.llmstream.core.port.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database going away under a running pool: it is shut down and its file moved away (with {@code IFEXISTS=TRUE}, so no empty database is created in its place), then moved back.
 */
class H2FaultTest {

    @TempDir
    Path dataDir;

    private String url;
    private JooqPersistence persistence;

    @BeforeEach
    void startOnExistingFile() {
        JooqPersistence.start(DatabaseConfig.embedded(dataDir)).close();
        url = DatabaseConfig.embeddedUrl(dataDir) + ";IFEXISTS=TRUE";
        persistence = JooqPersistence.start(new DatabaseConfig(url, "sa", "", 2, Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        persistence.close();
    }

    @Test
    void shouldFailWritesWithStoreExceptionWhileTheDatabaseIsGoneAndSucceedOnceItIsBack() throws Exception {
        // given
        Chat chat = chat(newOwner());
        persistence.dialogues().createChat(chat);
        Message before = user(chat.ref(), "before the fault", T0);
        persistence.messageStore().save(before);
        Message during = user(chat.ref(), "during the fault", T0);
        Path file = dataDir.resolve("db").resolve("llmstream.mv.db");
        Path away = dataDir.resolve("llmstream.mv.db.away");
        // when: the database goes away (nothing borrows from the pool between the two steps)
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        Files.move(file, away);
        // then
        assertThatThrownBy(() -> persistence.messageStore().save(during)).isInstanceOf(StoreException.class);
        assertThat(persistence.ping()).isFalse();
        // when: it comes back, and the failed write is retried
        Files.move(away, file);
        Readiness.awaitReady(persistence, Duration.ofSeconds(15));
        persistence.messageStore().save(during);
        Message after = user(chat.ref(), "after the fault", T0);
        persistence.messageStore().save(after);
        // then: nothing lost, nothing twice
        assertThat(persistence.messageStore().recentMessages(chat.ref(), 10)).containsExactly(before, during, after);
    }

    @Test
    void shouldKeepDataAndSchemaVersionWhenRestartedOnTheSameFile() {
        // given
        Chat chat = chat(newOwner());
        persistence.dialogues().createChat(chat);
        Message message = user(chat.ref(), "kept", T0);
        persistence.messageStore().save(message);
        persistence.close();
        // when
        persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir));
        // then
        assertThat(persistence.dialogues().findChat(chat.owner(), chat.id())).contains(chat);
        assertThat(persistence.messageStore().recentMessages(chat.ref(), 10)).containsExactly(message);
    }
}
