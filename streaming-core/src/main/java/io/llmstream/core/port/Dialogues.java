package io.llmstream.core.port;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Conversation;
import java.util.List;

/**
 * Creates and lists conversations and chats (reading one with its messages goes through
 * {@link MessageStore}). Thread-safe; may throw {@link StoreException}.
 */
public interface Dialogues {

    /** Inserts a conversation; its character must exist. */
    void createConversation(Conversation conversation);

    /** The owner's conversations, newest first, at most {@code limit}. */
    List<Conversation> listConversations(String owner, int limit);

    /** Inserts a chat. */
    void createChat(Chat chat);
}
