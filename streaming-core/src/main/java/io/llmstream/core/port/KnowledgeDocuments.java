package io.llmstream.core.port;

import io.llmstream.core.model.KnowledgeDocument;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The records of the knowledge documents in characters' knowledge bases (what the HTTP API calls
 * artifacts): who owns each, its title, type and size. Their passages are {@link KnowledgeBase}'s.
 * Thread-safe; may throw {@link StoreException}.
 */
public interface KnowledgeDocuments {

    /** Inserts the record, or replaces the one with the same id. */
    void save(KnowledgeDocument document);

    Optional<KnowledgeDocument> find(String owner, UUID id);

    /** The documents of one character, oldest first. */
    List<KnowledgeDocument> listByCharacter(String owner, UUID characterId);

    /** @return whether the owner had such a document */
    boolean delete(String owner, UUID id);
}
