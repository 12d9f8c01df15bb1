package io.llmstream.http.jersey;

/** Root of the exceptions this module throws; unchecked, with a message that says what went wrong. */
public class HttpAdapterException extends RuntimeException {

    public HttpAdapterException(String message) {
        super(message);
    }

    public HttpAdapterException(String message, Throwable cause) {
        super(message, cause);
    }
}
