package io.llmstream.core.port.in;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Message;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creates and reads an owner's plain chats. */
public interface ManageChats {

    /** A chat with its messages, oldest first. */
    record ChatView(Chat chat, List<Message> messages) {
        public ChatView {
            messages = List.copyOf(messages);
        }
    }

    Result<Chat> create(String owner, Optional<String> title, Optional<String> provider, Optional<String> model);

    Optional<ChatView> read(String owner, UUID chatId);
}
