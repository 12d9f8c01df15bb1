package io.llmstream.adapter.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Character;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.PromptMessage;
import io.llmstream.core.port.in.AudioMessageCommand;
import io.llmstream.core.port.in.ChatMessageCommand;
import io.llmstream.core.port.in.ConversationMessageCommand;
import io.llmstream.core.port.in.StreamOutcome;
import io.llmstream.core.usecase.AudioSettings;
import io.llmstream.core.usecase.StreamingCore;
import io.llmstream.testkit.RecordingEventSink;
import io.llmstream.testkit.ScriptedLlmStream;
import io.llmstream.testkit.ScriptedSpeechSynthesizer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a stream's set-up costs the database, counted as the service's {@code llmstream_persistence_statements_total}
 * counts it ({@link JooqPersistence#readStatements()}): one read for the dialogue with its history, on each database,
 * for a spoken answer too.
 */
class StreamSetUpStatementsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void shouldReadTheDialogueWithItsHistoryInOneStatementPerStreamOnH2(@TempDir Path dataDir) {
        try (JooqPersistence persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir))) {
            assertOneReadPerStreamSetUp(persistence);
        }
    }

    @Test
    void shouldReadTheDialogueWithItsHistoryInOneStatementPerStreamOnPostgres() {
        PostgresTestDatabase.requireServer();
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
                JooqPersistence persistence = JooqPersistence.start(database.config())) {
            assertOneReadPerStreamSetUp(persistence);
        }
    }

    @Test
    void shouldReadTheConversationOnceToStartASpokenAnswerOnH2(@TempDir Path dataDir) {
        try (JooqPersistence persistence = JooqPersistence.start(DatabaseConfig.embedded(dataDir))) {
            assertOneReadToStartASpokenAnswer(persistence);
        }
    }

    @Test
    void shouldReadTheConversationOnceToStartASpokenAnswerOnPostgres() {
        PostgresTestDatabase.requireServer();
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
                JooqPersistence persistence = JooqPersistence.start(database.config())) {
            assertOneReadToStartASpokenAnswer(persistence);
        }
    }

    /** The voice is checked on the conversation the answer's set-up read, not on one read before it. */
    private static void assertOneReadToStartASpokenAnswer(JooqPersistence persistence) {
        Character character = new Character(UUID.randomUUID(), "alice", "speaker", Optional.empty(), "You speak.",
                Optional.empty(), Optional.empty(), Optional.of("nova"), Optional.empty(), Map.of(), NOW);
        persistence.characters().create(character);
        Conversation conversation = new Conversation(UUID.randomUUID(), "alice", character, NOW);
        persistence.dialogues().createConversation(conversation);
        try (StreamingCore core = StreamingCore.builder().llm(ScriptedLlmStream.thatStreams("Spoken."))
                .dialogues(persistence.dialogues()).messageStore(persistence.messageStore())
                .characters(persistence.characters())
                .speech(ScriptedSpeechSynthesizer.thatSpeaks(), AudioSettings.defaults()).build()) {
            long before = persistence.readStatements();

            StreamOutcome outcome = core.streamConversationAudio().start(new AudioMessageCommand(
                    ConversationMessageCommand.of("alice", conversation.id(), "speak"), AudioFormat.WAV));
            assertThat(outcome).isInstanceOf(StreamOutcome.Started.class);
            ((StreamOutcome.Started) outcome).answer().toCompletableFuture().join();

            assertThat(persistence.readStatements() - before).as("reads to start a spoken answer, until it ended")
                    .isEqualTo(1);
        }
    }

    private static void assertOneReadPerStreamSetUp(JooqPersistence persistence) {
        Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(), NOW);
        persistence.dialogues().createChat(chat);
        Character character = new Character(UUID.randomUUID(), "alice", "guide", Optional.empty(), "You guide.",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), NOW);
        persistence.characters().create(character);
        Conversation conversation = new Conversation(UUID.randomUUID(), "alice", character, NOW);
        persistence.dialogues().createConversation(conversation);
        try (StreamingCore earlier = core(persistence, ScriptedLlmStream.thatStreams("first answer"))) {
            earlier.streamChatMessage().execute(ChatMessageCommand.of("alice", chat.id(), "first question"),
                    RecordingEventSink.stayingToTheEnd());
            earlier.streamConversationMessage().execute(ConversationMessageCommand.of("alice", conversation.id(),
                    "first question"), RecordingEventSink.stayingToTheEnd());
            assertThat(earlier.close(Duration.ofSeconds(10))).as("earlier answers stored").isTrue();
        }
        ScriptedLlmStream llm = ScriptedLlmStream.thatStreams("second answer");
        try (StreamingCore core = core(persistence, llm)) {
            long before = persistence.readStatements();
            StreamOutcome chatAnswer = core.streamChatMessage().execute(
                    ChatMessageCommand.of("alice", chat.id(), "second question"), RecordingEventSink.stayingToTheEnd());
            long chatReads = persistence.readStatements() - before;
            assertThat(llm.lastCompletion().request().messages()).as("the chat's history in the prompt")
                    .contains(new PromptMessage(MessageRole.ASSISTANT, "first answer"));

            before = persistence.readStatements();
            StreamOutcome conversationAnswer = core.streamConversationMessage().execute(ConversationMessageCommand.of(
                    "alice", conversation.id(), "second question"), RecordingEventSink.stayingToTheEnd());
            long conversationReads = persistence.readStatements() - before;

            assertThat(chatAnswer).isInstanceOf(StreamOutcome.Answered.class);
            assertThat(conversationAnswer).isInstanceOf(StreamOutcome.Answered.class);
            assertThat(llm.lastCompletion().request().messages()).as("the conversation's history in the prompt")
                    .contains(new PromptMessage(MessageRole.ASSISTANT, "first answer"));
            assertThat(chatReads).as("reads to start a chat's stream").isEqualTo(1);
            assertThat(conversationReads).as("reads to start a conversation's stream").isEqualTo(1);
        }
    }

    private static StreamingCore core(JooqPersistence persistence, ScriptedLlmStream llm) {
        return StreamingCore.builder().llm(llm).dialogues(persistence.dialogues()).messageStore(persistence.messageStore())
                .characters(persistence.characters()).build();
    }
}
