package io.llmstream.core.model;

import java.util.Locale;

/**
 * How a message ended. User messages are always {@link #COMPLETE}; an assistant message is
 * {@link #INTERRUPTED} when the client left or the server stopped the stream, {@link #FAILED} when the
 * LLM failed; in both cases its content is the text generated so far.
 */
public enum MessageStatus {
    COMPLETE, INTERRUPTED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageStatus fromWire(String value) {
        for (MessageStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown message status '" + value + "', allowed: complete, interrupted, failed");
    }
}
