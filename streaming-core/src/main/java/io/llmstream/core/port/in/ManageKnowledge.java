package io.llmstream.core.port.in;

import io.llmstream.core.model.KnowledgeDocument;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Adds documents to a character's knowledge base, lists, reads and deletes them. A document is
 * indexed first and recorded second; when recording fails its passages are removed again, so the
 * index never holds a document the store does not know.
 */
public interface ManageKnowledge {

    /**
     * @return the recorded document, {@link Result.NotFound} for an unknown role, or {@link Result.Invalid}
     *         (field {@code content} or {@code content_type}) when the document cannot be indexed
     */
    Result<KnowledgeDocument> add(String owner, String role, String title, String contentType, byte[] content);

    /** The documents of the owner's character with this role, or empty when there is no such character. */
    Optional<List<KnowledgeDocument>> list(String owner, String role);

    Optional<KnowledgeDocument> get(String owner, UUID id);

    /**
     * Removes the document's passages, then its record (in that order, so a failure never leaves passages
     * citing a document that no longer exists); false when the owner has no such document.
     */
    boolean delete(String owner, UUID id);
}
