package io.llmstream.core.usecase;

import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.WithHistory;
import io.llmstream.core.port.EventSink;
import io.llmstream.core.port.in.ConversationMessageCommand;
import io.llmstream.core.port.in.FollowStream;
import io.llmstream.core.port.in.StreamConversationMessage;
import io.llmstream.core.port.in.StreamOutcome;
import java.lang.System.Logger.Level;
import java.util.Optional;

/** The {@link StreamConversationMessage} use case. */
final class StreamConversationMessageService implements StreamConversationMessage {

    private static final System.Logger LOG = System.getLogger(StreamConversationMessage.class.getName());

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
        Optional<WithHistory<Conversation>> conversation;
        try {
            conversation = loadConversation(command);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "loading conversation " + command.threadId() + " failed", e);
            return new StreamOutcome.Unavailable("the conversation could not be loaded; try again later");
        }
        if (conversation.isEmpty()) {
            return new StreamOutcome.NotFound("Conversation '" + command.threadId() + "' not found");
        }
        Conversation thread = conversation.get().dialogue();
        Optional<String> provider = command.provider().or(() -> thread.character().defaultProvider());
        Optional<StreamOutcome.Rejected> rejected = pipeline.checkProvider(provider);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        return pipeline.start(new AnswerRequest(command.owner(), thread.ref(), command.message(),
                thread.character().systemPrompt(), Optional.of(thread.character().id()), command.search(), provider,
                command.model().or(() -> thread.character().defaultModel()), thread.character().customParameters(),
                conversation.get().history()));
    }

    private Optional<WithHistory<Conversation>> loadConversation(ConversationMessageCommand command) {
        return pipeline.withHistory(
                limit -> pipeline.dialogues().findConversationWithHistory(command.owner(), command.threadId(), limit),
                () -> pipeline.dialogues().findConversation(command.owner(), command.threadId()),
                "conversation " + command.threadId());
    }
}
