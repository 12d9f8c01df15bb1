package io.llmstream.core.port.in;

import io.llmstream.core.model.Character;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creates, reads, replaces and deletes an owner's characters. */
public interface ManageCharacters {

    Result<Character> create(String owner, CharacterDraft draft);

    Result<Character> update(String owner, UUID id, CharacterDraft draft);

    Optional<Character> byRole(String owner, String role);

    List<Character> list(String owner);

    /** Deletes the character, its conversations and its knowledge base; false when there was none. */
    boolean delete(String owner, UUID id);
}
