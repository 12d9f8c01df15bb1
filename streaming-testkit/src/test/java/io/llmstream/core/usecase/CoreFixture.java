package io.llmstream.core.usecase;

import io.llmstream.core.model.Character;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.DocumentContent;
import io.llmstream.core.port.StreamingObserver;
import io.llmstream.testkit.InMemoryKnowledgeBase;
import io.llmstream.testkit.InMemoryStore;
import io.llmstream.testkit.ScriptedLlmStream;
import io.llmstream.testkit.TestStreamingCore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** A core wired with the testkit's fakes, and a character with a conversation to stream into. */
final class CoreFixture implements AutoCloseable {

    static final String OWNER = "alice";

    final InMemoryStore store = new InMemoryStore();
    final InMemoryKnowledgeBase knowledge = new InMemoryKnowledgeBase();
    final CountingObserver observer = new CountingObserver();
    final ScriptedLlmStream llm;
    final StreamingCore core;
    final Character character;
    final Conversation conversation;
    final Chat chat;

    /** With no detach grace: a client that leaves ends the stream at once, as most tests here expect. */
    CoreFixture(ScriptedLlmStream llm) {
        this(llm, StreamingSettings.defaults().withDetachGrace(Duration.ZERO));
    }

    CoreFixture(ScriptedLlmStream llm, StreamingSettings settings) {
        this.llm = llm;
        this.core = TestStreamingCore.wiredWith(llm, store, knowledge).settings(settings)
                .observer(observer)
                .writer(new AsyncMessageWriter(store, observer, 2, 1_000, 2, Duration.ofMillis(5)))
                .build();
        this.character = new Character(UUID.randomUUID(), OWNER, "assistant", Optional.empty(),
                "Du bist ein hilfreicher Assistent.", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), Instant.now());
        store.create(character);
        this.conversation = new Conversation(UUID.randomUUID(), OWNER, character, Instant.now());
        store.createConversation(conversation);
        this.chat = new Chat(UUID.randomUUID(), OWNER, Optional.of("chat"), Optional.empty(), Optional.empty(), Instant.now());
        store.createChat(chat);
    }

    void addDocument(String text) {
        knowledge.index(new DocumentContent(UUID.randomUUID(), OWNER, character.id(), "KI", "text/plain",
                text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Waits until the store has saved {@code count} messages in all. */
    void awaitSaves(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.saveLog().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " saves, got " + store.saveLog().size());
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        core.close(Duration.ofSeconds(5));
    }

    /** Counts what the core reports. */
    static final class CountingObserver implements StreamingObserver {
        final AtomicInteger retrievalFailures = new AtomicInteger();
        final AtomicInteger writeFailures = new AtomicInteger();
        final AtomicInteger writeDrops = new AtomicInteger();
        final AtomicInteger upstreamErrors = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();

        @Override
        public void streamStarted(io.llmstream.core.model.DialogueKind kind) {
            started.incrementAndGet();
        }

        @Override
        public void streamEnded(io.llmstream.core.model.DialogueKind kind, Ending ending, Optional<String> code) {
            ended.incrementAndGet();
        }

        @Override
        public void upstreamError(String code) {
            upstreamErrors.incrementAndGet();
        }

        @Override
        public void retrievalFailed() {
            retrievalFailures.incrementAndGet();
        }

        @Override
        public void writeFailed() {
            writeFailures.incrementAndGet();
        }

        @Override
        public void writeDropped() {
            writeDrops.incrementAndGet();
        }
    }
}
