package io.llmstream.core.port;

import io.llmstream.core.CoreException;

/** A document could not be indexed; the message names the document and says why. */
public class IngestionException extends CoreException {

    /** Why a document was refused; the HTTP adapter maps these to status codes. */
    public enum Reason { EMPTY, TOO_LARGE, UNSUPPORTED_TYPE, UNPARSEABLE, INDEX_FAILURE }

    private final Reason reason;

    public IngestionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public IngestionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
