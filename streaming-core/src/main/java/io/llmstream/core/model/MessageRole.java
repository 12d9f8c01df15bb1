package io.llmstream.core.model;

import java.util.Locale;

/** Who wrote a message. */
public enum MessageRole {
    SYSTEM, USER, ASSISTANT;

    /** The lower-case name used on the wire and in storage ({@code user}, {@code assistant}, {@code system}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageRole fromWire(String value) {
        for (MessageRole role : values()) {
            if (role.wireName().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown message role '" + value + "', allowed: system, user, assistant");
    }
}
