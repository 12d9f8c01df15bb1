package io.llmstream.adapter.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Message;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCountTest {

    @Test
    void shouldCountEveryQueryAsAReadAndEveryChangeAsAWrite(@TempDir Path dataDir) {
        try (JooqPersistence persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir))) {
            Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(),
                    Instant.parse("2026-12-01T12:00:00Z"));
            long reads = persistence.readStatements();
            long writes = persistence.writeStatements();

            persistence.dialogues().createChat(chat);
            long writesOfCreate = persistence.writeStatements() - writes;
            long readsOfCreate = persistence.readStatements() - reads;
            persistence.messageStore().recentMessages(chat.ref(), 10);

            assertThat(writesOfCreate).as("statements that created the chat").isPositive();
            assertThat(persistence.readStatements() - reads - readsOfCreate).as("queries for the history").isEqualTo(1);
            assertThat(persistence.writeStatements() - writes).as("writes after the chat existed")
                    .isEqualTo(writesOfCreate);
        }
    }

    @Test
    void shouldSaveAMessageInOneStatementWithoutReadingItsDialogueFirst(@TempDir Path dataDir) {
        try (JooqPersistence persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir))) {
            Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(),
                    Instant.parse("2026-12-01T12:00:00Z"));
            persistence.dialogues().createChat(chat);
            long reads = persistence.readStatements();
            long writes = persistence.writeStatements();

            persistence.messageStore().save(Message.user(UUID.randomUUID(), chat.ref(), "hello",
                    Instant.parse("2026-12-01T12:00:01Z")));

            assertThat(persistence.writeStatements() - writes).isEqualTo(1);
            assertThat(persistence.readStatements() - reads).isZero();
            assertThat(persistence.messageStore().recentMessages(chat.ref(), 10)).hasSize(1);
        }
    }
}
