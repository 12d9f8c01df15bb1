package io.llmstream.core.usecase;

import io.llmstream.core.port.in.ChatMessageCommand;
import io.llmstream.core.port.in.Result;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.port.MessageStore;
import io.llmstream.core.port.StoreException;
import io.llmstream.core.port.StreamingObserver;
import io.llmstream.testkit.InMemoryStore;
import io.llmstream.testkit.RecordingEventSink;
import io.llmstream.testkit.ScriptedLlmStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

class AsyncMessageWriterTest {

    @Test
    void shouldKeepTheOrderOfWritesPerDialogueAcrossManyConcurrentStreams() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("a", "b"))) {
            f.store.slowSaves(Duration.ofMillis(1)); // builds a backlog, so the lanes' ordering matters
            List<UUID> chats = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                chats.add(f.core.chats().create(CoreFixture.OWNER, java.util.Optional.empty(), java.util.Optional.empty(),
                        java.util.Optional.empty()) instanceof Result.Ok<io.llmstream.core.model.Chat>(var chat) ? chat.id() : null);
            }
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<CompletableFuture<?>> runs = new ArrayList<>();
                for (UUID chat : chats) {
                    runs.add(CompletableFuture.runAsync(() -> f.core.streamChatMessage()
                            .execute(ChatMessageCommand.of(CoreFixture.OWNER, chat, "Hallo"), RecordingEventSink.stayingToTheEnd()), pool));
                }
                CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
            }
            f.awaitSaves(80);

            for (UUID chat : chats) {
                assertThat(f.store.messagesOf(DialogueRef.chat(chat))).extracting(Message::role)
                        .containsExactly(MessageRole.USER, MessageRole.ASSISTANT);
            }
        }
    }

    @Test
    void shouldDrainQueuedWritesWhenClosed() {
        InMemoryStore store = new InMemoryStore().slowSaves(Duration.ofMillis(5));
        AsyncMessageWriter writer = new AsyncMessageWriter(store, StreamingObserver.NONE, 1, 100, 1, Duration.ZERO);
        DialogueRef chat = DialogueRef.chat(UUID.randomUUID());
        for (int i = 0; i < 20; i++) {
            writer.submit(Message.user(UUID.randomUUID(), chat, "m" + i, Instant.now()));
        }

        boolean drained = writer.close(Duration.ofSeconds(10));

        assertThat(drained).isTrue();
        assertThat(store.saveLog()).hasSize(20);
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void shouldDropAndCountWritesWhenTheQueueIsFullWithoutBlocking() {
        InMemoryStore store = new InMemoryStore().slowSaves(Duration.ofSeconds(1));
        AsyncMessageWriter writer = new AsyncMessageWriter(store, StreamingObserver.NONE, 1, 2, 1, Duration.ZERO);
        DialogueRef chat = DialogueRef.chat(UUID.randomUUID());

        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += writer.submit(Message.user(UUID.randomUUID(), chat, "m" + i, Instant.now())) ? 1 : 0;
        }

        // the queue's two, plus the batch the worker may already have taken: one polled and at most two drained with it
        assertThat(accepted).isBetween(2, 5);
        assertThat(writer.dropped()).isEqualTo(10 - accepted);
        writer.close(Duration.ZERO);
    }

    @Test
    void shouldRetryAFailedWriteAndSucceedWhenTheStoreComesBack() {
        InMemoryStore store = new InMemoryStore().failNextSaves(2);
        AsyncMessageWriter writer = new AsyncMessageWriter(store, StreamingObserver.NONE, 1, 10, 3, Duration.ofMillis(1));

        writer.submit(Message.user(UUID.randomUUID(), DialogueRef.chat(UUID.randomUUID()), "survives", Instant.now()));
        writer.close(Duration.ofSeconds(5));

        assertThat(store.saveLog()).extracting(Message::content).containsExactly("survives");
        assertThat(writer.failed()).isEqualTo(2);
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void shouldHandWhatQueuedUpWhileItWroteToTheStoreInOneCall() throws Exception {
        // given a store whose first save waits until five more messages are queued
        CountDownLatch queued = new CountDownLatch(1);
        BatchRecordingStore store = new BatchRecordingStore(new InMemoryStore(), queued);
        AsyncMessageWriter writer = new AsyncMessageWriter(store, StreamingObserver.NONE, 1, 100, 1, Duration.ZERO);
        DialogueRef chat = DialogueRef.chat(UUID.randomUUID());

        // when
        writer.submit(Message.user(UUID.randomUUID(), chat, "first", Instant.now()));
        store.firstSaveStarted.await();
        for (int i = 0; i < 5; i++) {
            writer.submit(Message.user(UUID.randomUUID(), chat, "m" + i, Instant.now()));
        }
        queued.countDown();
        writer.close(Duration.ofSeconds(5));

        // then the five went in one call, in order, after the first
        assertThat(store.batches).containsExactly(5);
        assertThat(store.delegate.recentMessages(chat, 10)).extracting(Message::content)
                .containsExactly("first", "m0", "m1", "m2", "m3", "m4");
        assertThat(writer.written()).isEqualTo(6);
    }

    @Test
    void shouldWriteABatchOneByOneWhenTheStoreRefusesItAndDropOnlyTheMessageItCannotStore() throws Exception {
        // given a store that refuses every batch and one of the messages
        CountDownLatch queued = new CountDownLatch(1);
        BatchRecordingStore store = new BatchRecordingStore(new InMemoryStore(), queued).refuseBatches().refuse("poison");
        AsyncMessageWriter writer = new AsyncMessageWriter(store, StreamingObserver.NONE, 1, 100, 1, Duration.ZERO);
        DialogueRef chat = DialogueRef.chat(UUID.randomUUID());

        // when
        writer.submit(Message.user(UUID.randomUUID(), chat, "first", Instant.now()));
        store.firstSaveStarted.await();
        for (String text : List.of("a", "poison", "b")) {
            writer.submit(Message.user(UUID.randomUUID(), chat, text, Instant.now()));
        }
        queued.countDown();
        writer.close(Duration.ofSeconds(5));

        // then
        assertThat(store.batches).containsExactly(3);
        assertThat(store.delegate.recentMessages(chat, 10)).extracting(Message::content).containsExactly("first", "a", "b");
        assertThat(writer.dropped()).isEqualTo(1);
        assertThat(writer.written()).isEqualTo(3);
    }

    /** The testkit's store, recording the size of every saveAll call; its first save waits for a latch. */
    private static final class BatchRecordingStore implements MessageStore {
        final InMemoryStore delegate;
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch firstSaveStarted = new CountDownLatch(1);
        private final CountDownLatch releaseFirstSave;
        private boolean refuseBatches;
        private String refused = "";

        BatchRecordingStore(InMemoryStore delegate, CountDownLatch releaseFirstSave) {
            this.delegate = delegate;
            this.releaseFirstSave = releaseFirstSave;
        }

        BatchRecordingStore refuseBatches() {
            refuseBatches = true;
            return this;
        }

        BatchRecordingStore refuse(String content) {
            refused = content;
            return this;
        }

        @Override
        public List<Message> recentMessages(DialogueRef dialogue, int limit) {
            return delegate.recentMessages(dialogue, limit);
        }

        @Override
        public void save(Message message) {
            if (firstSaveStarted.getCount() > 0) {
                firstSaveStarted.countDown();
                try {
                    releaseFirstSave.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (message.content().equals(refused)) {
                throw new StoreException("refused " + refused);
            }
            delegate.save(message);
        }

        @Override
        public void saveAll(List<Message> messages) {
            batches.add(messages.size());
            if (refuseBatches) {
                throw new StoreException("batches refused");
            }
            messages.forEach(delegate::save);
        }
    }
}
