package io.llmstream.core.port;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import java.util.List;

/**
 * The messages of dialogues: stores them and reads a dialogue's recent ones. Finding the dialogue itself
 * (and checking its owner) is {@link Dialogues}' job, done before a message reaches this port; a stream's set-up
 * reads the dialogue and its recent messages in one read there ({@link Dialogues#findChatWithHistory}).
 *
 * <p>The core calls {@link #save} only through its asynchronous writer, never on the streaming thread, and in
 * order per dialogue; implementations must be thread-safe. Any method may throw {@link StoreException}.
 */
public interface MessageStore {

    /** The last {@code limit} messages of a dialogue, oldest first (all statuses). */
    List<Message> recentMessages(DialogueRef dialogue, int limit);

    /** Inserts the message, or replaces the one with the same id (an answer is saved once, when it ends). */
    void save(Message message);

    /**
     * Saves several messages, in this order, as {@link #save} would one after another; an implementation may send them
     * in one round trip (the asynchronous writer hands over what queued up while it wrote). When it throws, any of
     * them may have been saved: the caller then saves them one by one, which is safe because a save replaces the
     * message with the same id.
     */
    default void saveAll(List<Message> messages) {
        messages.forEach(this::save);
    }
}
