package io.llmstream.testkit;

import io.llmstream.core.port.LlmStream;
import io.llmstream.core.usecase.StreamingCore;

/**
 * A {@link StreamingCore} on the testkit's in-memory fakes, in one line, for tests of code that embeds the core:
 *
 * <pre>{@code
 * StreamingCore core = TestStreamingCore.with(ScriptedLlmStream.thatStreams("Hallo", " Welt"));
 * InMemoryStore store = new InMemoryStore();
 * StreamingCore tuned = TestStreamingCore.wiredWith(llm, store, new InMemoryKnowledgeBase())
 *         .settings(StreamingSettings.defaults().withChunkSize(8)).build();
 * }</pre>
 */
public final class TestStreamingCore {

    private TestStreamingCore() {
    }

    /** Every use case on fresh in-memory fakes (store, knowledge base, stream log). */
    public static StreamingCore with(LlmStream llm) {
        return wiredWith(llm, new InMemoryStore(), new InMemoryKnowledgeBase()).build();
    }

    /** The builder wired with these fakes for every port, to add settings, a writer or speech before {@code build()}. */
    public static StreamingCore.Builder wiredWith(LlmStream llm, InMemoryStore store, InMemoryKnowledgeBase knowledge) {
        return StreamingCore.builder().llm(llm).dialogues(store).messageStore(store).retriever(knowledge).characters(store)
                .knowledgeDocuments(store.documents()).knowledgeBase(knowledge);
    }
}
