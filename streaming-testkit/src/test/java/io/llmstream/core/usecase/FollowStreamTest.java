package io.llmstream.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.port.ErrorCode;
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
                    error -> assertThat(error.code()).isEqualTo(ErrorCode.Stream.LAGGING.wireCode()));
            RecordingEventSink late = RecordingEventSink.stayingToTheEnd();
            FollowOutcome outcome = core.followStream().follow("alice", started.stream().streamId(), 41, late);
            assertThat(outcome).isInstanceOf(FollowOutcome.Followed.class);
            assertThat(late.events()).extracting(StreamEvent::id).containsExactly(42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L, 50L, 51L);
        }
    }

    @Test
    void shouldLetTheGeneratingThreadWriteToTheOnlyCaughtUpSubscriberAndStillDeliverEveryEventOnceInOrder() throws Exception {
        Fixture fixture = new Fixture(40);
        try (StreamingCore core = fixture.core()) {
            StreamOutcome.Started started = fixture.start(core);
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();
            Thread reader = Thread.ofVirtual().start(() -> core.followStream().follow("alice", started.stream().streamId(), 0, sink));
            fixture.releaseOneByOne(sink);
            reader.join(Duration.ofSeconds(10));

            assertThat(sink.events()).extracting(StreamEvent::id).containsExactlyElementsOf(idsUpTo(41));
            assertThat(sink.chunkText()).isEqualTo("x".repeat(40));
            assertThat(sink.events().getLast()).isInstanceOf(StreamEvent.Done.class);
            assertThat(sink.offersTaken()).as("events written by the generating thread").isPositive();
        }
    }

    @Test
    void shouldHandAnOnlySubscriberBackToItsOwnThreadWhenItsSinkRefusesAnOfferWithoutLosingOrRepeatingAnEvent() throws Exception {
        Fixture fixture = new Fixture(40);
        try (StreamingCore core = fixture.core()) {
            StreamOutcome.Started started = fixture.start(core);
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd().takingOffers(3);
            Thread reader = Thread.ofVirtual().start(() -> core.followStream().follow("alice", started.stream().streamId(), 0, sink));
            fixture.releaseOneByOne(sink);
            reader.join(Duration.ofSeconds(10));

            assertThat(sink.events()).extracting(StreamEvent::id).containsExactlyElementsOf(idsUpTo(41));
            assertThat(sink.chunkText()).isEqualTo("x".repeat(40));
            assertThat(sink.offersTaken()).isBetween(1, 3);
        }
    }

    @Test
    void shouldStopWritingThroughWhenASecondSubscriberComesAndGiveBothTheSameEvents() throws Exception {
        Fixture fixture = new Fixture(40);
        try (StreamingCore core = fixture.core()) {
            StreamOutcome.Started started = fixture.start(core);
            RecordingEventSink first = RecordingEventSink.stayingToTheEnd();
            Thread firstReader = Thread.ofVirtual().start(() -> core.followStream().follow("alice", started.stream().streamId(), 0, first));
            fixture.releaseOneByOne(first, 20);
            int offeredBeforeTheSecond = first.offersTaken();
            RecordingEventSink second = RecordingEventSink.stayingToTheEnd().takingOffers(0);
            Thread secondReader = Thread.ofVirtual().start(() -> core.followStream().follow("alice", started.stream().streamId(), 0, second));
            fixture.llm.release(21); // the other 20 deltas and the end
            firstReader.join(Duration.ofSeconds(10));
            secondReader.join(Duration.ofSeconds(10));

            assertThat(offeredBeforeTheSecond).isPositive();
            assertThat(first.events()).extracting(StreamEvent::id).containsExactlyElementsOf(idsUpTo(41));
            assertThat(second.events()).isEqualTo(first.events());
        }
    }

    private static List<Long> idsUpTo(long last) {
        return java.util.stream.LongStream.rangeClosed(1, last).boxed().toList();
    }

    /** A gated stream of {@code count} one-letter deltas in a new chat of alice's. */
    private static final class Fixture {
        final int count;
        final InMemoryStore store = new InMemoryStore();
        final ScriptedLlmStream llm;

        Fixture(int count) {
            this.count = count;
            String[] deltas = new String[count];
            java.util.Arrays.fill(deltas, "x");
            this.llm = ScriptedLlmStream.thatStreams(deltas).gated();
        }

        StreamingCore core() {
            return TestStreamingCore.wiredWith(llm, store, new InMemoryKnowledgeBase()).build();
        }

        StreamOutcome.Started start(StreamingCore core) {
            io.llmstream.core.model.Chat chat = new io.llmstream.core.model.Chat(java.util.UUID.randomUUID(), "alice",
                    java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.time.Instant.now());
            store.createChat(chat);
            return (StreamOutcome.Started) core.streamChatMessage().start(ChatMessageCommand.of("alice", chat.id(), "Zähl"));
        }

        /** Releases every delta, each once the sink has the one before (so the subscriber is caught up between), then the end. */
        void releaseOneByOne(RecordingEventSink sink) throws InterruptedException {
            releaseOneByOne(sink, count);
            llm.release(1);
        }

        void releaseOneByOne(RecordingEventSink sink, int deltas) throws InterruptedException {
            for (int i = 1; i <= deltas; i++) {
                llm.release(1);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (sink.events().size() < i && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertThat(sink.events()).as("events after delta " + i).hasSize(i);
            }
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
