package io.llmstream.core.port.in;

import io.llmstream.core.model.AudioFormat;
import java.util.Objects;

/** A user's message to a conversation thread whose answer is to be spoken in {@code format}. */
public record AudioMessageCommand(ConversationMessageCommand message, AudioFormat format) {

    public AudioMessageCommand {
        Objects.requireNonNull(message, "message is required");
        Objects.requireNonNull(format, "format is required");
    }
}
