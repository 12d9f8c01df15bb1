package io.llmstream.adapter.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.Character;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.TokenUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch binds every message to one prepared statement per kind of dialogue: messages whose optional columns are set
 * or empty in different places, of chats and of conversations mixed, must all come back as they were saved.
 */
class BatchSaveTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void shouldSaveAMixedBatchWithOneStatementPerKindOfDialogueOnH2(@TempDir Path dataDir) {
        try (JooqPersistence persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir))) {
            assertMixedBatchSaved(persistence);
        }
    }

    @Test
    void shouldSaveAMixedBatchWithOneStatementPerKindOfDialogueOnPostgres() {
        PostgresTestDatabase.requireServer();
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
                JooqPersistence persistence = JooqPersistence.start(database.config())) {
            assertMixedBatchSaved(persistence);
        }
    }

    private static void assertMixedBatchSaved(JooqPersistence persistence) {
        Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(), NOW);
        persistence.dialogues().createChat(chat);
        Character character = new Character(UUID.randomUUID(), "alice", "guide", Optional.empty(), "You guide.",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), NOW);
        persistence.characters().create(character);
        Conversation conversation = new Conversation(UUID.randomUUID(), "alice", character, NOW);
        persistence.dialogues().createConversation(conversation);
        Citation citation = new Citation("c1", "Grizzly is a framework.", 0.9, "doc-1", 0, "Notes", 0.75, 1,
                Optional.of(0.9));
        Message question = Message.user(UUID.randomUUID(), chat.ref(), "Frage?", NOW.plusSeconds(1));
        Message answer = new Message(UUID.randomUUID(), chat.ref(), MessageRole.ASSISTANT, "Antwort.",
                MessageStatus.COMPLETE, List.of(), Optional.of("openai"), Optional.of("gpt-4o-mini"),
                Optional.of(new TokenUsage(12, 3)), Optional.empty(), NOW.plusSeconds(2), Optional.of(NOW.plusSeconds(3)));
        Message cited = new Message(UUID.randomUUID(), conversation.ref(), MessageRole.ASSISTANT, "Belegt [1].",
                MessageStatus.COMPLETE, List.of(citation), Optional.of("ollama"), Optional.empty(), Optional.empty(),
                Optional.empty(), NOW.plusSeconds(4), Optional.of(NOW.plusSeconds(5)));
        Message failed = new Message(UUID.randomUUID(), conversation.ref(), MessageRole.ASSISTANT, "Halb",
                MessageStatus.FAILED, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("upstream_timeout"), NOW.plusSeconds(6), Optional.empty());
        Message later = Message.user(UUID.randomUUID(), chat.ref(), "Noch eine?", NOW.plusSeconds(7));
        long writes = persistence.writeStatements();

        persistence.messageStore().saveAll(List.of(question, cited, answer, failed, later));

        assertThat(persistence.writeStatements() - writes).as("one batch for the chat, one for the conversation")
                .isEqualTo(2);
        assertThat(persistence.messageStore().recentMessages(chat.ref(), 10)).containsExactly(question, answer, later);
        assertThat(persistence.messageStore().recentMessages(conversation.ref(), 10)).containsExactly(cited, failed);
    }
}
