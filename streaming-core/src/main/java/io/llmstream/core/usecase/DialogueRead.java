package io.llmstream.core.usecase;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.WithHistory;
import io.llmstream.core.port.Dialogues;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * How step 1 reads one dialogue of the owner: with its last messages ({@code withHistory} gets how many), or alone
 * when its history cannot be read.
 *
 * @param kind names the dialogue in outcomes and the log ({@code chat}, {@code conversation})
 */
record DialogueRead<D>(String kind, UUID id, IntFunction<Optional<WithHistory<D>>> withHistory,
        Supplier<Optional<D>> alone) {

    static DialogueRead<Chat> chat(Dialogues dialogues, String owner, UUID chatId) {
        return new DialogueRead<>("chat", chatId, limit -> dialogues.findChatWithHistory(owner, chatId, limit),
                () -> dialogues.findChat(owner, chatId));
    }

    static DialogueRead<Conversation> conversation(Dialogues dialogues, String owner, UUID threadId) {
        return new DialogueRead<>("conversation", threadId,
                limit -> dialogues.findConversationWithHistory(owner, threadId, limit),
                () -> dialogues.findConversation(owner, threadId));
    }

    @Override
    public String toString() {
        return kind + " " + id;
    }
}
