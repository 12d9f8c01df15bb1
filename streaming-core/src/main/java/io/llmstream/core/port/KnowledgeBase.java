package io.llmstream.core.port;

import io.llmstream.core.model.DocumentContent;
import java.util.UUID;

/**
 * The characters' knowledge bases as a {@link ContextRetriever} searches them: takes a knowledge
 * document in (parsed, cut into passages, indexed) and out again. Usually implemented by the same
 * adapter as the retriever. The records of the documents (title, size, owner) are
 * {@link KnowledgeDocuments}'; this port holds only what is searched.
 *
 * <p>Indexing is atomic per document: a query sees the old passages or the new ones, never a mix,
 * and a document that fails to index leaves nothing behind. When {@link #index} returns, the passages
 * are searchable; an implementation may add derived data (such as passage vectors) in the background,
 * ranking with what it has meanwhile. Thread-safe.
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
