package io.llmstream.core.usecase;

import io.llmstream.core.model.Chat;
import io.llmstream.core.port.Dialogues;
import io.llmstream.core.port.in.Commands;
import io.llmstream.core.port.in.ManageChats;
import io.llmstream.core.port.in.ManageConversations;
import io.llmstream.core.port.in.Result;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** The {@link ManageChats} use case. */
final class ManageChatsService implements ManageChats {

    private final Dialogues dialogues;
    private final Supplier<Set<String>> providers;
    private final Clock clock;

    ManageChatsService(Dialogues dialogues, Supplier<Set<String>> providers, Clock clock) {
        this.dialogues = dialogues;
        this.providers = providers;
        this.clock = clock;
    }

    @Override
    public Result<Chat> create(String owner, Optional<String> title, Optional<String> provider, Optional<String> model) {
        Optional<String> named = Commands.optional(provider);
        Optional<String> unknown = Commands.unknownProvider(named, providers.get());
        if (unknown.isPresent()) {
            return new Result.Invalid<>("provider", unknown.get());
        }
        try {
            Chat chat = new Chat(UUID.randomUUID(), owner, title, named, model, clock.instant());
            dialogues.createChat(chat);
            return Result.ok(chat);
        } catch (IllegalArgumentException e) {
            return new Result.Invalid<>("title", e.getMessage());
        }
    }

    /** One read: the chat with its messages (a chat's row is small, so repeating it on every message row costs little). */
    @Override
    public Optional<ChatView> read(String owner, UUID chatId) {
        return dialogues.findChatWithHistory(owner, chatId, ManageConversationsService.MAX_MESSAGES_READ)
                .map(found -> new ChatView(found.dialogue(), found.history()));
    }
}
