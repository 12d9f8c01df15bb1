package io.llmstream.core;

/**
 * Root of every exception the core and its ports throw. Unchecked, always with a message that says
 * what went wrong, and with its cause where there is one.
 */
public class CoreException extends RuntimeException {

    public CoreException(String message) {
        super(message);
    }

    public CoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
