package io.llmstream.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One message of a conversation or chat. An assistant message that did not complete keeps the text
 * generated so far, with status {@link MessageStatus#INTERRUPTED} or {@link MessageStatus#FAILED} and
 * an error code saying why.
 */
public record Message(
        UUID id,
        DialogueRef dialogue,
        MessageRole role,
        String content,
        MessageStatus status,
        List<Citation> citations,
        Optional<String> provider,
        Optional<String> model,
        Optional<TokenUsage> usage,
        Optional<String> errorCode,
        Instant createdAt,
        Optional<Instant> finishedAt) {

    public Message {
        Checks.required(id, "message id");
        Checks.required(dialogue, "dialogue");
        Checks.required(role, "role");
        Checks.required(content, "content");
        Checks.required(status, "status");
        citations = List.copyOf(Checks.required(citations, "citations"));
        provider = Checks.optionalText(provider);
        model = Checks.optionalText(model);
        usage = usage == null ? Optional.empty() : usage;
        errorCode = Checks.optionalText(errorCode);
        Checks.required(createdAt, "createdAt");
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
    }

    /** A complete user message. */
    public static Message user(UUID id, DialogueRef dialogue, String content, Instant at) {
        return new Message(id, dialogue, MessageRole.USER, content, MessageStatus.COMPLETE, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), at, Optional.of(at));
    }
}
