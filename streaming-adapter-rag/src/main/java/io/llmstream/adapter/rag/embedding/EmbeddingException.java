package io.llmstream.adapter.rag.embedding;

import io.llmstream.adapter.rag.common.RagException;

/** The embedding model or service failed. */
public class EmbeddingException extends RagException {

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
