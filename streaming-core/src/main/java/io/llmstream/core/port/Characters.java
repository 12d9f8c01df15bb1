package io.llmstream.core.port;

import io.llmstream.core.model.Character;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The characters (personas) a user defined: creates, updates, finds, lists and deletes them. Role names are unique per owner. Lookups of another owner's character find
 * nothing. Thread-safe; may throw {@link StoreException}.
 */
public interface Characters {

    /** Outcome of a write. */
    enum SaveResult { SAVED, NOT_FOUND, ROLE_TAKEN }

    /** Inserts a new character; {@link SaveResult#ROLE_TAKEN} when the owner already has one with that role. */
    SaveResult create(Character character);

    /**
     * Replaces the owner's character with the same id (its creation time is kept);
     * {@link SaveResult#NOT_FOUND} or {@link SaveResult#ROLE_TAKEN} when it cannot.
     */
    SaveResult update(Character character);

    Optional<Character> findByRole(String owner, String role);

    Optional<Character> findById(String owner, UUID id);

    /** The owner's characters, ordered by role. */
    List<Character> list(String owner);

    /**
     * Deletes the character with its conversations, their messages and its documents' records.
     *
     * @return whether the owner had such a character
     */
    boolean delete(String owner, UUID id);
}
