package io.llmstream.core.usecase;


/**
 * Answers a message in a conversation as one result instead of a stream: the same seven steps as
 * {@link StreamConversationMessage}, nobody following its events (they are in its log all the same). The answer in
 * {@link StreamOutcome.Answered} carries status, citations and usage.
 */
public final class AnswerConversationMessage {

    private final StreamConversationMessage streaming;

    AnswerConversationMessage(StreamConversationMessage streaming) {
        this.streaming = streaming;
    }

    public StreamOutcome execute(ConversationMessageCommand command) {
        StreamOutcome outcome = streaming.start(command);
        return outcome instanceof StreamOutcome.Started started ? new StreamOutcome.Answered(FollowStream.awaitAnswer(started)) : outcome;
    }
}
