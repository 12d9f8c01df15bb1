package io.llmstream.core.usecase;

import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.EventSink;

/**
 * Answers a message in a conversation as one result instead of a stream: the same seven steps as
 * {@link StreamConversationMessage}, with the events collected instead of sent. The answer in
 * {@link StreamOutcome.Answered} carries status, citations and usage.
 */
public final class AnswerConversationMessage {

    private final StreamConversationMessage streaming;

    AnswerConversationMessage(StreamConversationMessage streaming) {
        this.streaming = streaming;
    }

    public StreamOutcome execute(ConversationMessageCommand command) {
        return streaming.execute(command, new DiscardingSink());
    }

    /** The answer is taken from the outcome, so the events themselves are not needed. */
    private static final class DiscardingSink implements EventSink {
        @Override
        public boolean send(StreamEvent event) {
            return true;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void onClose(Runnable callback) {
            // never closes: nobody can leave a request that is answered as a whole
        }
    }
}
