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

    StreamChatMessage(AnswerPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public StreamOutcome execute(ChatMessageCommand command, EventSink sink) {
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
        return pipeline.answer(new AnswerRequest(command.owner(), found.ref(), command.message(), "", Optional.empty(),
                Optional.empty(), provider, command.model().or(found::model), Map.of(), pipeline.history(found.ref())), sink);
    }

    private Optional<Chat> loadChat(ChatMessageCommand command) {
        return pipeline.store().findChat(command.owner(), command.chatId());
    }
}
