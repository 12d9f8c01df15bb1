package io.llmstream.core.port.in;

import io.llmstream.core.port.EventSink;

/**
 * Streams the answer to a message in a plain chat: no persona, no retrieval, no citations.
 *
 * <p>Same guarantees as {@link StreamConversationMessage}.
 */
public interface StreamChatMessage {

    /**
     * Starts the stream and follows it from its first event into {@code sink} on the calling thread; returns
     * when the stream has ended, with the answer as stored ({@link StreamOutcome.Answered}), or the refusal.
     */
    StreamOutcome execute(ChatMessageCommand command, EventSink sink);

    /** Steps 1 to 7: checks the request, then starts the stream on a thread of its own and returns at once. */
    StreamOutcome start(ChatMessageCommand command);
}
