package io.llmstream.core.usecase;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.model.WithHistory;
import io.llmstream.core.port.Dialogues;
import io.llmstream.core.port.LlmStream;
import io.llmstream.core.port.StreamEventLog;
import io.llmstream.core.port.StreamingObserver;
import io.llmstream.testkit.TestStreamingCore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Wires a core whose ports write each of the seven steps to one timeline when the core reaches them: the
 * dialogue lookup, the hand-overs to the message writer (question, then answer), retrieval, opening the LLM with
 * the prompt, and the events appended to the stream's log. Steps 1 and 2 run on the caller's thread before the
 * stream's thread starts, steps 3 to 7 on that one thread, so the timeline's order is the core's order.
 */
final class SevenSteps {

    private final List<String> timeline = new ArrayList<>();
    private int handedToWriter;

    synchronized List<String> recorded() {
        return List.copyOf(timeline);
    }

    private synchronized void record(String step) {
        timeline.add(step);
    }

    private synchronized void handedToWriter() {
        timeline.add(handedToWriter++ == 0 ? "2 persist the question" : "6 persist the answer");
    }

    StreamingCore wire(CoreFixture f) {
        return TestStreamingCore.wiredWith(llm(f.llm), f.store, f.knowledge)
                .dialogues(dialogues(f.store))
                .retriever(query -> {
                    record("3 retrieve passages");
                    return f.knowledge.retrieve(query);
                })
                .streamLog(log(InMemoryStreamEventLog.withDefaults()))
                .observer(new StreamingObserver() {
                    @Override
                    public void writeQueueDepth(int depth) {
                        // submit reports on the submitting thread; the writer's own threads report again after each write
                        if (!Thread.currentThread().getName().startsWith("message-writer-")) {
                            handedToWriter();
                        }
                    }
                })
                .build();
    }

    private LlmStream llm(LlmStream scripted) {
        return new LlmStream() {
            @Override
            public Set<String> providers() {
                return scripted.providers();
            }

            @Override
            public Completion open(io.llmstream.core.model.CompletionRequest request) {
                record("4 open the LLM with the prompt");
                return scripted.open(request);
            }
        };
    }

    private Dialogues dialogues(Dialogues store) {
        return new Dialogues() {
            @Override
            public void createConversation(Conversation conversation) {
                store.createConversation(conversation);
            }

            @Override
            public Optional<Conversation> findConversation(String owner, UUID threadId) {
                return store.findConversation(owner, threadId);
            }

            @Override
            public Optional<WithHistory<Conversation>> findConversationWithHistory(String owner, UUID threadId,
                    int historyLimit) {
                record("1 load the conversation");
                return store.findConversationWithHistory(owner, threadId, historyLimit);
            }

            @Override
            public List<Conversation> listConversations(String owner, int limit) {
                return store.listConversations(owner, limit);
            }

            @Override
            public void createChat(Chat chat) {
                store.createChat(chat);
            }

            @Override
            public Optional<Chat> findChat(String owner, UUID chatId) {
                return store.findChat(owner, chatId);
            }

            @Override
            public Optional<WithHistory<Chat>> findChatWithHistory(String owner, UUID chatId, int historyLimit) {
                return store.findChatWithHistory(owner, chatId, historyLimit);
            }
        };
    }

    private StreamEventLog log(StreamEventLog log) {
        return new StreamEventLog() {
            @Override
            public void open(StreamInfo stream) {
                log.open(stream);
            }

            @Override
            public void append(UUID streamId, StreamEvent event) {
                switch (event) {
                    case StreamEvent.Chunk chunk -> record("5 send a chunk");
                    case StreamEvent.Done done -> record("7 send done");
                    case StreamEvent.Error error -> record("7 send error " + error.code());
                    case StreamEvent.Paused paused -> record("paused");
                    case StreamEvent.Resumed resumed -> record("resumed");
                }
                log.append(streamId, event);
            }

            @Override
            public void status(UUID streamId, StreamStatus status) {
                log.status(streamId, status);
            }

            @Override
            public Optional<StreamInfo> find(UUID streamId) {
                return log.find(streamId);
            }

            @Override
            public Read read(UUID streamId, long afterId, int max, Duration wait) throws InterruptedException {
                return log.read(streamId, afterId, max, wait);
            }
        };
    }
}
