package io.llmstream.core.port;

import io.llmstream.core.model.DocumentContent;
import java.util.UUID;

/**
 * The searchable side of the knowledge base: parses documents, cuts them into passages and indexes
 * them for a {@link ContextRetriever}. Usually implemented by the same adapter as the retriever.
 *
 * <p>Indexing is atomic per document: a query sees the old passages or the new ones, never a mix,
 * and a document that fails to index leaves nothing behind. Thread-safe.
 */
public interface KnowledgeBase {

    /**
     * Indexes a document, replacing any passages indexed before under the same document id.
     *
     * @return the number of passages indexed
     * @throws IngestionException naming the document when it is empty, binary, too large, of an
     *                            unsupported type or unparseable
     */
    int index(DocumentContent document);

    /** Removes a document's passages; a document that is not indexed is no error. */
    void remove(UUID documentId);

    /** Removes every passage of a character (when the character is deleted). */
    void removeCharacter(UUID characterId);
}
