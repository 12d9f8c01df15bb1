package io.llmstream.core.port.in;

import io.llmstream.core.model.SearchToolConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's message to a conversation thread.
 *
 * @param search   present to ground the answer in the character's knowledge base
 * @param provider overrides the character's default provider when present
 * @param model    overrides the character's default model when present
 */
public record ConversationMessageCommand(String owner, UUID threadId, String message, Optional<SearchToolConfig> search,
        Optional<String> provider, Optional<String> model) {

    public ConversationMessageCommand {
        Commands.owner(owner);
        Objects.requireNonNull(threadId, "thread_id is required");
        Commands.message(message);
        search = search == null ? Optional.empty() : search;
        provider = Commands.optional(provider);
        model = Commands.optional(model);
    }

    public static ConversationMessageCommand of(String owner, UUID threadId, String message) {
        return new ConversationMessageCommand(owner, threadId, message, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ConversationMessageCommand withSearch(SearchToolConfig config) {
        return new ConversationMessageCommand(owner, threadId, message, Optional.of(config), provider, model);
    }
}
