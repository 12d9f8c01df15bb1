package io.llmstream.core.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a stream's log holds and its subscribers receive: any number of {@link Chunk}s (with {@link Paused} /
 * {@link Resumed} between them when a user pauses the stream), then exactly one final event, {@link Done} or
 * {@link Error}. Every event carries an id that increases by one within its stream, starting at 1 (the id is
 * the event's offset in the log, what a client resumes from), and the dialogue it belongs to.
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

    /**
     * The answer ended with text: its full text (the chunks concatenated), usage, and its passages: {@code citations}
     * are those the answer uses, in the order it first uses them; {@code retrieved} all that were given to the
     * model, in the order they were numbered in the prompt ({@code [1]} first).
     * {@code status} is {@link StreamStatus#COMPLETE}, or {@link StreamStatus#STOPPED} when a user stopped it
     * (then {@code reason} says why when it was not the user: {@code pause_timeout}).
     */
    record Done(long id, DialogueRef dialogue, String content, List<Citation> citations, List<Citation> retrieved, UUID messageId,
            Optional<TokenUsage> usage, String provider, String model, UUID streamId, StreamStatus status,
            Optional<String> reason) implements StreamEvent {
        public Done {
            Checks.required(streamId, "streamId");
            if (status != StreamStatus.COMPLETE && status != StreamStatus.STOPPED) {
                throw new IllegalArgumentException("a done event's status is complete or stopped, was " + status);
            }
            reason = reason == null ? Optional.empty() : reason;
            positive(id);
            Checks.required(dialogue, "dialogue");
            Checks.required(content, "content");
            citations = List.copyOf(Checks.required(citations, "citations"));
            retrieved = List.copyOf(Checks.required(retrieved, "retrieved"));
            Checks.required(messageId, "messageId");
            usage = usage == null ? Optional.empty() : usage;
            Checks.required(provider, "provider");
            Checks.required(model, "model");
        }
    }

    /** The stream ended early; {@code code} is machine-readable (see {@code io.llmstream.core.port.ErrorCode}), {@code message} is for people. */
    record Error(long id, DialogueRef dialogue, String code, String message) implements StreamEvent {
        public Error {
            positive(id);
            Checks.required(dialogue, "dialogue");
            Checks.notBlank(code, "code");
            Checks.required(message, "message");
        }
    }

    /** A user paused the stream: nothing more is delivered until {@link Resumed}. */
    record Paused(long id, DialogueRef dialogue) implements StreamEvent {
        public Paused {
            positive(id);
            Checks.required(dialogue, "dialogue");
        }
    }

    /** A user resumed the stream: delivery goes on where it paused. */
    record Resumed(long id, DialogueRef dialogue) implements StreamEvent {
        public Resumed {
            positive(id);
            Checks.required(dialogue, "dialogue");
        }
    }

    /** Whether this event ends its stream. */
    default boolean isFinal() {
        return this instanceof Done || this instanceof Error;
    }

    private static void positive(long id) {
        if (id < 1) {
            throw new IllegalArgumentException("event id must be 1 or more, was " + id);
        }
    }
}
