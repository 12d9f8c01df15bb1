package io.llmstream.core.usecase;

import io.llmstream.core.model.Chat;
import io.llmstream.core.port.EventSink;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;

/**
 * Streams the answer to a message in a plain chat: no persona, no retrieval, no citations.
 *
 * <p>Same guarantees as {@link StreamConversationMessage}.
 */
public final class StreamChatMessage {

    private static final System.Logger LOG = System.getLogger(StreamChatMessage.class.getName());

    private final AnswerPipeline pipeline;
    private final FollowStream follow;

    StreamChatMessage(AnswerPipeline pipeline, FollowStream follow) {
        this.pipeline = pipeline;
        this.follow = follow;
    }

    /**
     * Starts the stream and follows it from its first event into {@code sink} on the calling thread; returns
     * when the stream has ended, with the answer as stored ({@link StreamOutcome.Answered}), or the refusal.
     */
    public StreamOutcome execute(ChatMessageCommand command, EventSink sink) {
        return follow.toTheEnd(start(command), command.owner(), sink);
    }

    /** Steps 1 to 7: checks the request, then starts the stream on a thread of its own and returns at once. */
    public StreamOutcome start(ChatMessageCommand command) {
        Optional<Chat> chat;
        try {
            chat = loadChat(command);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "loading chat " + command.chatId() + " failed", e);
            return new StreamOutcome.Unavailable("the chat could not be loaded; try again later");
        }
        if (chat.isEmpty()) {
            return new StreamOutcome.NotFound("Chat '" + command.chatId() + "' not found");
        }
        Chat found = chat.get();
        Optional<String> provider = command.provider().or(found::provider);
        Optional<StreamOutcome.Rejected> rejected = pipeline.checkProvider(provider);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        return pipeline.start(new AnswerRequest(command.owner(), found.ref(), command.message(), "", Optional.empty(),
                Optional.empty(), provider, command.model().or(found::model), Map.of(), pipeline.history(found.ref())));
    }

    private Optional<Chat> loadChat(ChatMessageCommand command) {
        return pipeline.store().findChat(command.owner(), command.chatId());
    }
}
