package io.llmstream.core.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A document of a character's knowledge base. Its id is the {@code documentId} of the citations taken
 * from it; {@code chunks} is the number of passages it was indexed as.
 */
public record KnowledgeDocument(UUID id, String owner, UUID characterId, String role, String title, String contentType,
        long sizeBytes, int chunks, Instant createdAt) {

    public static final int MAX_TITLE_LENGTH = 300;

    public KnowledgeDocument {
        Checks.required(id, "document id");
        Checks.notBlank(owner, "owner");
        Checks.required(characterId, "characterId");
        Checks.notBlank(role, "role");
        Checks.notBlank(title, "title");
        Checks.maxLength(title, MAX_TITLE_LENGTH, "title");
        Checks.notBlank(contentType, "content_type");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative, was " + sizeBytes);
        }
        Checks.nonNegative(chunks, "chunks");
        Checks.required(createdAt, "createdAt");
    }
}
