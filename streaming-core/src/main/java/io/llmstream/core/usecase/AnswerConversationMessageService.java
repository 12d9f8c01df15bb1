package io.llmstream.core.usecase;

import io.llmstream.core.port.in.AnswerConversationMessage;
import io.llmstream.core.port.in.ConversationMessageCommand;
import io.llmstream.core.port.in.FollowStream;
import io.llmstream.core.port.in.StreamConversationMessage;
import io.llmstream.core.port.in.StreamOutcome;

/** The {@link AnswerConversationMessage} use case. */
final class AnswerConversationMessageService implements AnswerConversationMessage {

    private final StreamConversationMessage streaming;

    AnswerConversationMessageService(StreamConversationMessage streaming) {
        this.streaming = streaming;
    }

    @Override
    public StreamOutcome execute(ConversationMessageCommand command) {
        StreamOutcome outcome = streaming.start(command);
        return outcome instanceof StreamOutcome.Started started ? new StreamOutcome.Answered(FollowStreamService.awaitAnswer(started)) : outcome;
    }
}
