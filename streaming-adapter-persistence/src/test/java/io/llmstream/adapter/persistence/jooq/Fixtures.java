package io.llmstream.adapter.persistence.jooq;

import io.llmstream.core.model.Character;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.KnowledgeDocument;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Readable factories for the model values the tests store. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    private Fixtures() {
    }

    static String newOwner() {
        return "user-" + UUID.randomUUID();
    }

    static Character character(String owner, String role) {
        return new Character(UUID.randomUUID(), owner, role, Optional.of("helper"), "You are " + role + ".",
                Optional.of("openai"), Optional.of("gpt-4o-mini"), Optional.of("voice-1"), Optional.of("tts-1"),
                Map.of("temperature", "0.2", "tone", "dry"), T0);
    }

    static Character bareCharacter(String owner, String role) {
        return new Character(UUID.randomUUID(), owner, role, Optional.empty(), "", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), T0);
    }

    static Conversation conversation(Character character, Instant at) {
        return new Conversation(UUID.randomUUID(), character.owner(), character, at);
    }

    static Chat chat(String owner) {
        return new Chat(UUID.randomUUID(), owner, Optional.of("a chat"), Optional.of("ollama"), Optional.of("llama3"), T0);
    }

    static Message user(DialogueRef dialogue, String text, Instant at) {
        return Message.user(UUID.randomUUID(), dialogue, text, at);
    }

    static Message answer(DialogueRef dialogue, String text, MessageStatus status, Optional<String> errorCode) {
        return new Message(UUID.randomUUID(), dialogue, MessageRole.ASSISTANT, text, status,
                List.of(new Citation("chunk-1", "a passage \"quoted\" ü", 0.75, UUID.randomUUID().toString(), 3)),
                Optional.of("openai"), Optional.of("gpt-4o-mini"), Optional.of(new TokenUsage(12, 34)), errorCode,
                T0.plusSeconds(1), Optional.of(T0.plusSeconds(2)));
    }

    static KnowledgeDocument document(Character character, String title, Instant at) {
        return new KnowledgeDocument(UUID.randomUUID(), character.owner(), character.id(), character.role(), title,
                "text/markdown", 1234, 5, at);
    }
}
