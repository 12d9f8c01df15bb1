package io.llmstream.core.model;

import java.util.Locale;

/**
 * How a message ended. User messages are always {@link #COMPLETE}; an assistant message is
 * {@link #STOPPED} when a user stopped its stream (or a pause outlasted its limit), {@link #INTERRUPTED}
 * when nobody was listening any more or the server ended the stream, {@link #FAILED} when the LLM failed;
 * in all three cases its content is the text generated so far.
 */
public enum MessageStatus {
    COMPLETE, INTERRUPTED, FAILED, STOPPED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageStatus fromWire(String value) {
        for (MessageStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown message status '" + value + "', allowed: complete, interrupted, failed, stopped");
    }
}
