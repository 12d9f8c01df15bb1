package io.llmstream.core.usecase;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.WithHistory;
import io.llmstream.core.port.EventSink;
import io.llmstream.core.port.in.ChatMessageCommand;
import io.llmstream.core.port.in.FollowStream;
import io.llmstream.core.port.in.StreamChatMessage;
import io.llmstream.core.port.in.StreamOutcome;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;

/** The {@link StreamChatMessage} use case. */
final class StreamChatMessageService implements StreamChatMessage {

    private static final System.Logger LOG = System.getLogger(StreamChatMessage.class.getName());

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
        Optional<WithHistory<Chat>> chat;
        try {
            chat = loadChat(command);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "loading chat " + command.chatId() + " failed", e);
            return new StreamOutcome.Unavailable("the chat could not be loaded; try again later");
        }
        if (chat.isEmpty()) {
            return new StreamOutcome.NotFound("Chat '" + command.chatId() + "' not found");
        }
        Chat found = chat.get().dialogue();
        Optional<String> provider = command.provider().or(found::provider);
        Optional<StreamOutcome.Rejected> rejected = pipeline.checkProvider(provider);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        return pipeline.start(new AnswerRequest(command.owner(), found.ref(), command.message(), "", Optional.empty(),
                Optional.empty(), provider, command.model().or(found::model), Map.of(), chat.get().history()));
    }

    private Optional<WithHistory<Chat>> loadChat(ChatMessageCommand command) {
        return pipeline.withHistory(limit -> pipeline.dialogues().findChatWithHistory(command.owner(), command.chatId(), limit),
                () -> pipeline.dialogues().findChat(command.owner(), command.chatId()), "chat " + command.chatId());
    }
}
