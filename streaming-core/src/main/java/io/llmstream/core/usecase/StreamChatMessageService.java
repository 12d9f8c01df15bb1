package io.llmstream.core.usecase;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.WithHistory;
import io.llmstream.core.port.EventSink;
import io.llmstream.core.port.in.ChatMessageCommand;
import io.llmstream.core.port.in.StreamChatMessage;
import io.llmstream.core.port.in.StreamOutcome;
import java.util.Map;
import java.util.Optional;

/** The {@link StreamChatMessage} use case: a chat's answer takes the chat's provider and model as defaults. */
final class StreamChatMessageService implements StreamChatMessage {

    private final AnswerPipeline pipeline;
    private final FollowStreamService follow;

    StreamChatMessageService(AnswerPipeline pipeline, FollowStreamService follow) {
        this.pipeline = pipeline;
        this.follow = follow;
    }

    /**
     * Starts the stream and follows it from its first event into {@code sink} on the calling thread; returns
     * when the stream has ended, with the answer as stored ({@link StreamOutcome.Answered}), or the refusal.
     */
    @Override
    public StreamOutcome execute(ChatMessageCommand command, EventSink sink) {
        return follow.toTheEnd(start(command), command.owner(), sink);
    }

    /** Steps 1 to 7: checks the request, then starts the stream on a thread of its own and returns at once. */
    @Override
    public StreamOutcome start(ChatMessageCommand command) {
        return pipeline.start(DialogueRead.chat(pipeline.dialogues(), command.owner(), command.chatId()),
                chat -> request(command, chat));
    }

    private static AnswerRequest request(ChatMessageCommand command, WithHistory<Chat> chat) {
        Chat found = chat.dialogue();
        return new AnswerRequest(command.owner(), found.ref(), command.message(), "", Optional.empty(), Optional.empty(),
                command.provider().or(found::provider), command.model().or(found::model), Map.of(), chat.history());
    }
}
