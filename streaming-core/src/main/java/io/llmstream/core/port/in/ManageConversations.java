package io.llmstream.core.port.in;

import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.Message;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Starts, lists and reads an owner's conversation threads. */
public interface ManageConversations {

    /** A thread with its messages, oldest first. */
    record ThreadView(Conversation conversation, List<Message> messages) {
        public ThreadView {
            messages = List.copyOf(messages);
        }
    }

    Result<Conversation> start(String owner, String role);

    List<Conversation> list(String owner, int limit);

    Optional<ThreadView> read(String owner, UUID threadId);
}
