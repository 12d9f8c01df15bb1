package io.llmstream.core.usecase;

import io.llmstream.core.port.in.ChatMessageCommand;
import io.llmstream.core.port.in.StreamOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.testkit.RecordingEventSink;
import io.llmstream.testkit.ScriptedLlmStream;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamChatMessageTest {

    @Test
    void shouldStreamAChatAnswerWithoutPersonaOrCitations() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Hallo", "!").withProviders("openai", "ollama"))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamChatMessage().execute(new ChatMessageCommand(CoreFixture.OWNER, f.chat.id(), "Hallo!",
                    Optional.of("ollama"), Optional.of("llama3")), sink);

            assertThat(sink.events()).allSatisfy(e -> assertThat(e.dialogue().kind()).isEqualTo(DialogueKind.CHAT));
            StreamEvent.Done done = (StreamEvent.Done) sink.events().get(2);
            assertThat(done.content()).isEqualTo("Hallo!");
            assertThat(done.citations()).isEmpty();
            assertThat(done.provider()).isEqualTo("ollama");
            assertThat(done.model()).isEqualTo("llama3");
            assertThat(f.llm.lastCompletion().request().messages()).singleElement()
                    .satisfies(m -> assertThat(m.role()).isEqualTo(MessageRole.USER));
            f.awaitSaves(2);
            assertThat(f.store.messagesOf(f.chat.ref())).extracting(m -> m.role()).containsExactly(MessageRole.USER, MessageRole.ASSISTANT);
        }
    }

    @Test
    void shouldStoreTheQuestionAsEarlierThanItsAnswerEvenOnAFrozenClock() throws Exception {
        java.time.Clock frozen = java.time.Clock.fixed(java.time.Instant.parse("2026-11-30T12:00:00Z"), java.time.ZoneOffset.UTC);
        io.llmstream.testkit.InMemoryStore store = new io.llmstream.testkit.InMemoryStore();
        io.llmstream.core.model.Chat chat = new io.llmstream.core.model.Chat(UUID.randomUUID(), "alice", Optional.empty(),
                Optional.empty(), Optional.empty(), frozen.instant());
        store.createChat(chat);
        try (StreamingCore core = StreamingCore.builder().llm(ScriptedLlmStream.thatStreams("Hallo")).dialogues(store).messageStore(store)
                .clock(frozen).build()) {
            core.streamChatMessage().execute(ChatMessageCommand.of("alice", chat.id(), "Hi"), RecordingEventSink.stayingToTheEnd());
            core.close(java.time.Duration.ofSeconds(5)); // drains the writer

            var stored = store.messagesOf(chat.ref());
            assertThat(stored).extracting(m -> m.role()).containsExactly(MessageRole.USER, MessageRole.ASSISTANT);
            assertThat(stored.get(0).createdAt()).isBefore(stored.get(1).createdAt());
        }
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownChatBeforeAnyEvent() {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("never"))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            StreamOutcome outcome = f.core.streamChatMessage().execute(
                    ChatMessageCommand.of(CoreFixture.OWNER, UUID.randomUUID(), "Hallo"), sink);

            assertThat(outcome).isInstanceOfSatisfying(StreamOutcome.NotFound.class,
                    n -> assertThat(n.message()).startsWith("Chat '"));
            assertThat(sink.events()).isEmpty();
        }
    }
}
