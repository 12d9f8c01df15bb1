package io.llmstream.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.ErrorCodes;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.EventSink;
import io.llmstream.core.port.in.ChatMessageCommand;
import io.llmstream.core.port.in.FollowOutcome;
import io.llmstream.core.port.in.StreamOutcome;
import io.llmstream.testkit.InMemoryKnowledgeBase;
import io.llmstream.testkit.InMemoryStore;
import io.llmstream.testkit.RecordingEventSink;
import io.llmstream.testkit.ScriptedLlmStream;
import io.llmstream.testkit.TestStreamingCore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FollowStreamTest {

    @Test
    void shouldLetASubscriberThatFellBehindTheKeptEventsGoWithALaggingErrorWhileTheOthersGetEverything() throws Exception {
        String[] deltas = new String[50];
        java.util.Arrays.fill(deltas, "x");
        InMemoryStore store = new InMemoryStore();
        ScriptedLlmStream llm = ScriptedLlmStream.thatStreams(deltas).gated();
        try (StreamingCore core = TestStreamingCore.wiredWith(llm, store, new InMemoryKnowledgeBase())
                .streamLog(new InMemoryStreamEventLog(Duration.ofMinutes(5), 10, Clock.systemUTC())).build()) {
            io.llmstream.core.model.Chat chat = new io.llmstream.core.model.Chat(java.util.UUID.randomUUID(), "alice",
                    java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.time.Instant.now());
            store.createChat(chat);
            StalledSink slow = new StalledSink();
            StreamOutcome.Started started = (StreamOutcome.Started) core.streamChatMessage()
                    .start(ChatMessageCommand.of("alice", chat.id(), "Zähl"));
            Thread slowReader = Thread.ofVirtual().start(() -> core.followStream().follow("alice", started.stream().streamId(), 0, slow));
            llm.release(1);
            assertThat(slow.firstSendEntered.await(5, TimeUnit.SECONDS)).isTrue(); // stuck writing the first chunk
            llm.release(deltas.length);

            started.answer().toCompletableFuture().get(10, TimeUnit.SECONDS); // the answer ends while `slow` is stuck
            slow.release.countDown();
            slowReader.join(Duration.ofSeconds(10));

            assertThat(slow.received).hasSize(2);
            assertThat(slow.received.get(0)).isInstanceOf(StreamEvent.Chunk.class);
            assertThat(slow.received.get(1)).isInstanceOfSatisfying(StreamEvent.Error.class,
                    error -> assertThat(error.code()).isEqualTo(ErrorCodes.LAGGING));
            RecordingEventSink late = RecordingEventSink.stayingToTheEnd();
            FollowOutcome outcome = core.followStream().follow("alice", started.stream().streamId(), 41, late);
            assertThat(outcome).isInstanceOf(FollowOutcome.Followed.class);
            assertThat(late.events()).extracting(StreamEvent::id).containsExactly(42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L, 50L, 51L);
        }
    }

    /** A client that takes its first event and then does not read until released. */
    private static final class StalledSink implements EventSink {
        final CountDownLatch firstSendEntered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<StreamEvent> received = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public boolean send(StreamEvent event) {
            received.add(event);
            if (received.size() == 1) {
                firstSendEntered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return true;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void onClose(Runnable callback) {
        }
    }
}
