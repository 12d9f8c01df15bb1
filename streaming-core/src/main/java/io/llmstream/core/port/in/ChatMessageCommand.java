package io.llmstream.core.port.in;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A user's message to a plain chat; provider and model override the chat's defaults when present. */
public record ChatMessageCommand(String owner, UUID chatId, String message, Optional<String> provider,
        Optional<String> model) {

    public ChatMessageCommand {
        Commands.owner(owner);
        Objects.requireNonNull(chatId, "chatId is required");
        Commands.message(message);
        provider = Commands.optional(provider);
        model = Commands.optional(model);
    }

    public static ChatMessageCommand of(String owner, UUID chatId, String message) {
        return new ChatMessageCommand(owner, chatId, message, Optional.empty(), Optional.empty());
    }
}
