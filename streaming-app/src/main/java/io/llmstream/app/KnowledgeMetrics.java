package io.llmstream.app;

import io.llmstream.adapter.rag.LuceneRetrieval;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The knowledge base's size, the progress of embedding its passages in the background and failed query translations as Prometheus series. */
final class KnowledgeMetrics {

    private KnowledgeMetrics() {
    }

    static void bind(MeterRegistry registry, LuceneRetrieval knowledge) {
        Gauge.builder("llmstream.rag.passages", knowledge, LuceneRetrieval::passageCount)
                .description("passages in the knowledge base").register(registry);
        Gauge.builder("llmstream.rag.reembedding.done", knowledge, k -> k.embeddingProgress().embedded())
                .description("passages given a vector of the current embedding model in the background since start (new documents and model changes)").register(registry);
        Gauge.builder("llmstream.rag.reembedding.passages", knowledge, k -> k.embeddingProgress().total())
                .description("passages found without a vector of the current model since start: those done plus those waiting").register(registry);
        Gauge.builder("llmstream.rag.reembedding.running", knowledge, k -> k.embeddingProgress().running() ? 1 : 0)
                .description("1 while passages wait for their vectors (two_stage ranks those by BM25 meanwhile)")
                .register(registry);
        FunctionCounter.builder("llmstream.rag.translation.failures", knowledge, LuceneRetrieval::translationFailures)
                .description("question translations that failed or timed out (the original question was searched alone)")
                .register(registry);
    }
}
