package io.llmstream.core.port.in;

/**
 * Answers a message in a conversation as one result instead of a stream: the same seven steps as
 * {@link StreamConversationMessage}, nobody following its events (they are in its log all the same). The answer in
 * {@link StreamOutcome.Answered} carries status, citations and usage.
 */
public interface AnswerConversationMessage {

    StreamOutcome execute(ConversationMessageCommand command);
}
