package io.llmstream.adapter.rag.embedding;

import java.util.List;

/**
 * Turns text into sentence embeddings for the second stage. Implementations are thread-safe.
 *
 * @see OnnxMiniLmEmbedder
 * @see OpenAiCompatibleEmbedder
 */
public interface Embedder {

    /** Names model and version; stored next to each cached vector so a model change is detected. */
    String modelId();

    /**
     * One vector per text, in order.
     *
     * @throws EmbeddingException when the model or the service failed
     */
    List<float[]> embedAll(List<String> texts);

    default float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }
}
