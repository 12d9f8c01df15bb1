package io.llmstream.core.port;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Conversation;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversations (with a character) and chats a user holds: creates, finds and lists them. Their messages
 * are {@link MessageStore}'s. Lookups take the owner: a dialogue of another owner is not found.
 * Thread-safe; may throw {@link StoreException}.
 */
public interface Dialogues {

    /** Inserts a conversation; its character must exist. */
    void createConversation(Conversation conversation);

    /** The owner's conversation with its character, or empty when there is none with that id. */
    Optional<Conversation> findConversation(String owner, UUID threadId);

    /** The owner's conversations, newest first, at most {@code limit}. */
    List<Conversation> listConversations(String owner, int limit);

    /** Inserts a chat. */
    void createChat(Chat chat);

    /** The owner's chat, or empty when there is none with that id. */
    Optional<Chat> findChat(String owner, UUID chatId);
}
