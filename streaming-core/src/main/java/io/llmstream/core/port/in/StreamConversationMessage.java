package io.llmstream.core.port.in;

import io.llmstream.core.port.EventSink;

/**
 * Streams the answer to a message in a conversation thread: the character's persona, retrieval from
 * its knowledge base when the command asks for it, citations in the {@code done} event.
 *
 * <p>Runs the seven steps on the calling thread and returns when the stream has ended. When the outcome
 * is {@link StreamOutcome.NotFound}, {@link StreamOutcome.Rejected} or {@link StreamOutcome.Unavailable},
 * nothing was sent to the sink and nothing was persisted. Thread-safe: call it from one thread per
 * stream (a virtual thread is the natural choice).
 */
public interface StreamConversationMessage {

    /**
     * Starts the stream and follows it from its first event into {@code sink} on the calling thread; returns
     * when the stream has ended, with the answer as stored ({@link StreamOutcome.Answered}), or the refusal.
     */
    StreamOutcome execute(ConversationMessageCommand command, EventSink sink);

    /** Steps 1 to 7: checks the request, then starts the stream on a thread of its own and returns at once. */
    StreamOutcome start(ConversationMessageCommand command);
}
