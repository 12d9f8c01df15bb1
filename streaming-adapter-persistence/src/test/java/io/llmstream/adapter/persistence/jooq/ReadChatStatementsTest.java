package io.llmstream.adapter.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Message;
import io.llmstream.core.port.in.ManageChats;
import io.llmstream.core.usecase.StreamingCore;
import io.llmstream.testkit.ScriptedLlmStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reading a chat with its messages ({@code GET /v1/chats/{id}}) costs the database, counted as the service's
 * {@code llmstream_persistence_statements_total} counts it: one read for the chat and all its messages.
 */
class ReadChatStatementsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void shouldReadAChatWithItsMessagesInOneStatementOnH2(@TempDir Path dataDir) {
        try (JooqPersistence persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir))) {
            assertOneReadPerChatRead(persistence);
        }
    }

    @Test
    void shouldReadAChatWithItsMessagesInOneStatementOnPostgres() {
        PostgresTestDatabase.requireServer();
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
                JooqPersistence persistence = JooqPersistence.start(database.config())) {
            assertOneReadPerChatRead(persistence);
        }
    }

    private static void assertOneReadPerChatRead(JooqPersistence persistence) {
        Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.of("notes"), Optional.empty(), Optional.empty(), NOW);
        persistence.dialogues().createChat(chat);
        List<Message> messages = IntStream.range(0, 30).mapToObj(i -> Message.user(UUID.randomUUID(), chat.ref(), "m" + i,
                NOW.plusSeconds(i + 1))).toList();
        persistence.messageStore().saveAll(messages);
        try (StreamingCore core = StreamingCore.builder().llm(ScriptedLlmStream.thatStreams("unused"))
                .dialogues(persistence.dialogues()).messageStore(persistence.messageStore()).build()) {
            long before = persistence.readStatements();

            Optional<ManageChats.ChatView> view = core.chats().read("alice", chat.id());

            assertThat(persistence.readStatements() - before).as("reads to read a chat with its messages").isEqualTo(1);
            assertThat(view).hasValueSatisfying(found -> {
                assertThat(found.chat()).isEqualTo(chat);
                assertThat(found.messages()).as("all of them, oldest first").containsExactlyElementsOf(messages);
            });
            before = persistence.readStatements();
            assertThat(core.chats().read("bob", chat.id())).as("another owner's chat").isEmpty();
            assertThat(persistence.readStatements() - before).as("reads to find no chat").isEqualTo(1);
        }
    }
}
