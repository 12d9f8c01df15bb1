package io.llmstream.core.port;

import io.llmstream.core.CoreException;

/** The store failed (connection lost, constraint violated, timeout). */
public class StoreException extends CoreException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
