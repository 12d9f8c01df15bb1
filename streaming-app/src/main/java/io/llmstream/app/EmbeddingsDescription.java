package io.llmstream.app;

import io.llmstream.adapter.rag.embedding.EmbeddingConfig;
import io.llmstream.adapter.rag.embedding.EmbeddingPack;
import java.util.Optional;

/** The start-up log's account of the second stage's model: which one, or why there is none and how to add it. */
final class EmbeddingsDescription {

    /** The second jar the build writes beside streaming-app.jar, named by its manifest's Class-Path (pom.xml). */
    static final String PACK_JAR = "streaming-embedding.jar";

    private EmbeddingsDescription() {
    }

    static String of(Optional<EmbeddingConfig> configured, EmbeddingPack pack) {
        if (configured.isPresent()) {
            return configured.get().toString();
        }
        if (pack.installed()) {
            return "bundled all-MiniLM-L6-v2 (in-process, " + pack.describe() + ")";
        }
        return "off, " + pack.describe() + ": two_stage questions are answered by BM25 alone. To turn embeddings on, put "
                + PACK_JAR + " beside streaming-app.jar (the build writes both to streaming-app/target), or set "
                + "RAG_EMBEDDING_BASE_URL and RAG_EMBEDDING_MODEL to an OpenAI-compatible embedding service";
    }
}
