package io.llmstream.core.port;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.WithHistory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversations (with a character) and chats a user holds: creates, finds and lists them. Their messages
 * are {@link MessageStore}'s to store; a stream's set-up reads a dialogue together with its recent messages here
 * ({@code find…WithHistory}), so that it costs the database one read. Lookups take the owner: a dialogue of another
 * owner is not found, exactly as one that does not exist. Thread-safe; may throw {@link StoreException}.
 */
public interface Dialogues {

    /** Inserts a conversation; its character must exist. */
    void createConversation(Conversation conversation);

    /** The owner's conversation with its character, or empty when there is none with that id. */
    Optional<Conversation> findConversation(String owner, UUID threadId);

    /** The owner's conversations, newest first, at most {@code limit}. */
    List<Conversation> listConversations(String owner, int limit);

    /**
     * The owner's conversation with its character and its last {@code historyLimit} messages (oldest first, all
     * statuses, as {@link MessageStore#recentMessages} reads them), in one round trip to the store; empty when the
     * owner has no conversation with that id. A {@code historyLimit} below 1 reads no messages.
     */
    Optional<WithHistory<Conversation>> findConversationWithHistory(String owner, UUID threadId, int historyLimit);

    /** Inserts a chat. */
    void createChat(Chat chat);

    /** The owner's chat, or empty when there is none with that id. */
    Optional<Chat> findChat(String owner, UUID chatId);

    /**
     * The owner's chat with its last {@code historyLimit} messages (oldest first, all statuses, as
     * {@link MessageStore#recentMessages} reads them), in one round trip to the store; empty when the owner has no
     * chat with that id. A {@code historyLimit} below 1 reads no messages.
     */
    Optional<WithHistory<Chat>> findChatWithHistory(String owner, UUID chatId, int historyLimit);
}
