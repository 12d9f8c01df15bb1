package io.llmstream.core.port;

import io.llmstream.core.CoreException;

/** The stream event log could not be written or read (a remote log's store is unreachable). */
public class StreamLogException extends CoreException {

    public StreamLogException(String message) {
        super(message);
    }

    public StreamLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
