package io.llmstream.adapter.rag;

import io.llmstream.adapter.rag.embedding.EmbeddingConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the built-in knowledge base.
 *
 * @param indexDir          where the Lucene index lives; empty keeps it in memory (tests, demos)
 * @param chunkSize         the longest passage in characters (structure first, then size)
 * @param chunkOverlap      characters repeated between two passages cut out of one long paragraph
 * @param maxDocumentBytes  larger documents are refused
 * @param embedAtIngestion  store passage embeddings, computed in the background after indexing (a query then
 *                          costs one embedding); when false they are computed for the candidates at query time
 * @param embedding         the model of the second stage
 */
public record RetrievalConfig(Optional<Path> indexDir, int chunkSize, int chunkOverlap, long maxDocumentBytes,
        boolean embedAtIngestion, EmbeddingConfig embedding) {

    public static final int DEFAULT_CHUNK_SIZE = 800;
    public static final int DEFAULT_CHUNK_OVERLAP = 100;
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 10L * 1024 * 1024;
    private static final int MIN_CHUNK_SIZE = 100;

    public RetrievalConfig {
        Objects.requireNonNull(indexDir, "indexDir");
        Objects.requireNonNull(embedding, "embedding");
        if (chunkSize < MIN_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunkSize must be at least " + MIN_CHUNK_SIZE + ", was " + chunkSize);
        }
        if (chunkOverlap < 0 || chunkOverlap > chunkSize / 2) {
            throw new IllegalArgumentException(
                    "chunkOverlap must be within 0..chunkSize/2 (" + chunkSize / 2 + "), was " + chunkOverlap);
        }
        if (maxDocumentBytes < 1) {
            throw new IllegalArgumentException("maxDocumentBytes must be positive, was " + maxDocumentBytes);
        }
    }

    /** In memory, default chunking and limits, the in-process model. */
    public static RetrievalConfig inMemory() {
        return new RetrievalConfig(Optional.empty(), DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_OVERLAP,
                DEFAULT_MAX_DOCUMENT_BYTES, true, new EmbeddingConfig.InProcess());
    }

    /** On disk under {@code indexDir}, default chunking and limits, the in-process model. */
    public static RetrievalConfig onDisk(Path indexDir) {
        return inMemory().withIndexDir(indexDir);
    }

    public RetrievalConfig withIndexDir(Path dir) {
        return new RetrievalConfig(Optional.of(dir), chunkSize, chunkOverlap, maxDocumentBytes, embedAtIngestion,
                embedding);
    }

    public RetrievalConfig withChunking(int size, int overlap) {
        return new RetrievalConfig(indexDir, size, overlap, maxDocumentBytes, embedAtIngestion, embedding);
    }

    public RetrievalConfig withMaxDocumentBytes(long max) {
        return new RetrievalConfig(indexDir, chunkSize, chunkOverlap, max, embedAtIngestion, embedding);
    }

    public RetrievalConfig withEmbedAtIngestion(boolean embed) {
        return new RetrievalConfig(indexDir, chunkSize, chunkOverlap, maxDocumentBytes, embed, embedding);
    }

    public RetrievalConfig withEmbedding(EmbeddingConfig model) {
        return new RetrievalConfig(indexDir, chunkSize, chunkOverlap, maxDocumentBytes, embedAtIngestion, model);
    }
}
