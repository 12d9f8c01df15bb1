package io.llmstream.core.port;

import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads the dialogues a stream answers in and stores their messages.
 *
 * <p>Lookups take the owner: a dialogue of another owner is not found. The core calls {@link #save}
 * only through its asynchronous writer, never on the streaming thread, and in order per dialogue;
 * implementations must be thread-safe. Any method may throw {@link StoreException}.
 */
public interface MessageStore {

    /** The owner's conversation with its character, or empty when there is none with that id. */
    Optional<Conversation> findConversation(String owner, UUID threadId);

    /** The owner's chat, or empty when there is none with that id. */
    Optional<Chat> findChat(String owner, UUID chatId);

    /** The last {@code limit} messages of a dialogue, oldest first (all statuses). */
    List<Message> recentMessages(DialogueRef dialogue, int limit);

    /** Inserts the message, or replaces the one with the same id (an answer is saved once, when it ends). */
    void save(Message message);
}
