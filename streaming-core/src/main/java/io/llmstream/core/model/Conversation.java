package io.llmstream.core.model;

import java.time.Instant;
import java.util.UUID;

/** A conversation thread with a character, owned by one user. */
public record Conversation(UUID id, String owner, Character character, Instant createdAt) {

    public Conversation {
        Checks.required(id, "thread id");
        Checks.notBlank(owner, "owner");
        Checks.required(character, "character");
        Checks.required(createdAt, "createdAt");
        if (!character.owner().equals(owner)) {
            throw new IllegalArgumentException("a conversation's character must belong to the conversation's owner");
        }
    }

    public DialogueRef ref() {
        return DialogueRef.conversation(id);
    }
}
