package io.llmstream.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.in.ChatMessageCommand;
import io.llmstream.core.port.in.StreamOutcome;
import io.llmstream.testkit.InMemoryStore;
import io.llmstream.testkit.RecordingEventSink;
import io.llmstream.testkit.ScriptedLlmStream;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SmallestEmbeddingTest {

    @Test
    void shouldStreamAPlainChatWithAnLlmDialoguesAndAMessageStoreOnly() {
        InMemoryStore store = new InMemoryStore();
        Chat chat = new Chat(UUID.randomUUID(), "alice", Optional.empty(), Optional.empty(), Optional.empty(), Instant.now());
        store.createChat(chat);
        RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

        try (StreamingCore core = StreamingCore.builder().llm(ScriptedLlmStream.thatStreams("Hal", "lo")).dialogues(store).messageStore(store)
                .build()) {
            StreamOutcome outcome = core.streamChatMessage().execute(ChatMessageCommand.of("alice", chat.id(), "Hi"), sink);

            assertThat(((StreamOutcome.Answered) outcome).answer().status()).isEqualTo(MessageStatus.COMPLETE);
            assertThat(sink.events().getLast()).isInstanceOfSatisfying(StreamEvent.Done.class,
                    done -> assertThat(done.content()).isEqualTo("Hallo"));
        }
    }

    @Test
    void shouldNameThePortsAUseCaseNeedsWhenTheyWereNotGiven() {
        InMemoryStore store = new InMemoryStore();
        try (StreamingCore core = StreamingCore.builder().llm(ScriptedLlmStream.thatStreams("x")).dialogues(store).messageStore(store)
                .build()) {
            assertThat(core.complete()).isFalse();
            assertThatThrownBy(core::characters).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("characters(...) and knowledgeBase(...)");
            assertThatThrownBy(core::conversations).hasMessageContaining("characters(...)");
        }
    }
}
