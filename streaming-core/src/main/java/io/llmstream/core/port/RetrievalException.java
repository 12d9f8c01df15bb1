package io.llmstream.core.port;

import io.llmstream.core.CoreException;

/** The knowledge base could not be searched (index unreadable, embedding service down, timeout). */
public class RetrievalException extends CoreException {

    public RetrievalException(String message) {
        super(message);
    }

    public RetrievalException(String message, Throwable cause) {
        super(message, cause);
    }
}
