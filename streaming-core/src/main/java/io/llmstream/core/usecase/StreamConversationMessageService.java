package io.llmstream.core.usecase;

import io.llmstream.core.model.Character;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.WithHistory;
import io.llmstream.core.port.EventSink;
import io.llmstream.core.port.in.ConversationMessageCommand;
import io.llmstream.core.port.in.StreamConversationMessage;
import io.llmstream.core.port.in.StreamOutcome;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link StreamConversationMessage} use case: a conversation's answer takes its character's system prompt,
 * parameters, provider and model, and the message's search.
 */
final class StreamConversationMessageService implements StreamConversationMessage {

    private final AnswerPipeline pipeline;
    private final FollowStreamService follow;

    StreamConversationMessageService(AnswerPipeline pipeline, FollowStreamService follow) {
        this.pipeline = pipeline;
        this.follow = follow;
    }

    /**
     * Starts the stream and follows it from its first event into {@code sink} on the calling thread; returns
     * when the stream has ended, with the answer as stored ({@link StreamOutcome.Answered}), or the refusal.
     */
    @Override
    public StreamOutcome execute(ConversationMessageCommand command, EventSink sink) {
        return follow.toTheEnd(start(command), command.owner(), sink);
    }

    /** Steps 1 to 7: checks the request, then starts the stream on a thread of its own and returns at once. */
    @Override
    public StreamOutcome start(ConversationMessageCommand command) {
        return start(command, conversation -> Optional.empty());
    }

    /**
     * As {@link #start(ConversationMessageCommand)}, refused as well with what {@code refusal} says of the conversation
     * its one read found (a spoken answer's voice), before anything is sent or persisted.
     */
    StreamOutcome start(ConversationMessageCommand command, Function<Conversation, Optional<StreamOutcome>> refusal) {
        return pipeline.start(DialogueRead.conversation(pipeline.dialogues(), command.owner(), command.threadId()),
                refusal, conversation -> request(command, conversation));
    }

    private static AnswerRequest request(ConversationMessageCommand command, WithHistory<Conversation> conversation) {
        Character character = conversation.dialogue().character();
        return new AnswerRequest(command.owner(), conversation.dialogue().ref(), command.message(), character.systemPrompt(),
                Optional.of(character.id()), command.search(), command.provider().or(character::defaultProvider),
                command.model().or(character::defaultModel), character.customParameters(), conversation.history());
    }
}
