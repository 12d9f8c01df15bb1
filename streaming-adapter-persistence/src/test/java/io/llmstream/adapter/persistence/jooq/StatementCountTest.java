package io.llmstream.adapter.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.port.StoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
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
            persistence.dialogues().findChatWithHistory("alice", chat.id(), 10);

            assertThat(writesOfCreate).as("statements that created the chat").isPositive();
            assertThat(persistence.readStatements() - reads - readsOfCreate).as("queries for the chat with its history")
                    .isEqualTo(1);
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

    @Test
    void shouldSaveSeveralMessagesInOneRoundTripInOrder(@TempDir Path dataDir) {
        try (JooqPersistence persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir))) {
            Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(),
                    Instant.parse("2026-12-01T12:00:00Z"));
            persistence.dialogues().createChat(chat);
            List<Message> messages = IntStream.range(0, 5).mapToObj(i -> Message.user(UUID.randomUUID(), chat.ref(), "m" + i,
                    Instant.parse("2026-12-01T12:00:01Z").plusSeconds(i))).toList();
            long writes = persistence.writeStatements();

            persistence.messageStore().saveAll(messages);

            assertThat(persistence.writeStatements() - writes).isEqualTo(1);
            assertThat(persistence.messageStore().recentMessages(chat.ref(), 10)).containsExactlyElementsOf(messages);
        }
    }

    @Test
    void shouldFailABatchThatHoldsAMessageOfAMissingDialogue(@TempDir Path dataDir) {
        try (JooqPersistence persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir))) {
            Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(),
                    Instant.parse("2026-12-01T12:00:00Z"));
            persistence.dialogues().createChat(chat);
            Instant at = Instant.parse("2026-12-01T12:00:01Z");

            assertThatThrownBy(() -> persistence.messageStore().saveAll(List.of(
                    Message.user(UUID.randomUUID(), chat.ref(), "fine", at),
                    Message.user(UUID.randomUUID(), DialogueRef.chat(UUID.randomUUID()), "orphan", at))))
                    .isInstanceOf(StoreException.class);
        }
    }
}
