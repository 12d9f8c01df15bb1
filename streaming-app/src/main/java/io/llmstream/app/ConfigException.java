package io.llmstream.app;

/** The configuration is invalid; the message names the key, its environment variable and what is allowed. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
