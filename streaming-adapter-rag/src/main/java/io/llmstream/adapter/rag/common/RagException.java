package io.llmstream.adapter.rag.common;

import io.llmstream.core.CoreException;

/**
 * Root of the exceptions this module throws outside the port contracts: the index could not be opened,
 * an embedding service failed. At the ports they surface as {@code RetrievalException} or
 * {@code IngestionException}.
 */
public class RagException extends CoreException {

    public RagException(String message) {
        super(message);
    }

    public RagException(String message, Throwable cause) {
        super(message, cause);
    }
}
