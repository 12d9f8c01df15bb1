package io.llmstream.core.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a client receives on a stream: any number of {@link Chunk}s, then exactly one final event,
 * {@link Done} or {@link Error}. Every event carries an id that increases strictly within its stream,
 * starting at 1, and the dialogue it belongs to.
 */
public sealed interface StreamEvent {

    long id();

    DialogueRef dialogue();

    /** One piece of the answer's text, never splitting a surrogate pair. */
    record Chunk(long id, DialogueRef dialogue, String content) implements StreamEvent {
        public Chunk {
            positive(id);
            Checks.required(dialogue, "dialogue");
            Checks.required(content, "content");
        }
    }

    /** The answer completed: its full text (the chunks concatenated), citations in rank order, usage. */
    record Done(long id, DialogueRef dialogue, String content, List<Citation> citations, UUID messageId,
            Optional<TokenUsage> usage, String provider, String model) implements StreamEvent {
        public Done {
            positive(id);
            Checks.required(dialogue, "dialogue");
            Checks.required(content, "content");
            citations = List.copyOf(Checks.required(citations, "citations"));
            Checks.required(messageId, "messageId");
            usage = usage == null ? Optional.empty() : usage;
            Checks.required(provider, "provider");
            Checks.required(model, "model");
        }
    }

    /** The stream ended early; {@code code} is machine-readable (see {@link ErrorCodes}), {@code message} is for people. */
    record Error(long id, DialogueRef dialogue, String code, String message) implements StreamEvent {
        public Error {
            positive(id);
            Checks.required(dialogue, "dialogue");
            Checks.notBlank(code, "code");
            Checks.required(message, "message");
        }
    }

    private static void positive(long id) {
        if (id < 1) {
            throw new IllegalArgumentException("event id must be 1 or more, was " + id);
        }
    }
}
