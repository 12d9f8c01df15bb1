package io.llmstream.core.model;

import java.util.UUID;

/** Points at a conversation thread or a chat; messages and stream events belong to one. */
public record DialogueRef(DialogueKind kind, UUID id) {

    public DialogueRef {
        Checks.required(kind, "dialogue kind");
        Checks.required(id, "dialogue id");
    }

    public static DialogueRef conversation(UUID threadId) {
        return new DialogueRef(DialogueKind.CONVERSATION, threadId);
    }

    public static DialogueRef chat(UUID chatId) {
        return new DialogueRef(DialogueKind.CHAT, chatId);
    }
}
