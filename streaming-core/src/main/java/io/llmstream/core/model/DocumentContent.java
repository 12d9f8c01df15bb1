package io.llmstream.core.model;

import java.util.UUID;

/**
 * The raw bytes of a document to index, with what is needed to parse it (content type) and to file it
 * (owner, character). The content type is a media type such as {@code text/plain}, {@code text/markdown},
 * {@code text/html} or {@code application/pdf}.
 */
public record DocumentContent(UUID documentId, String owner, UUID characterId, String title, String contentType,
        byte[] bytes) {

    public DocumentContent {
        Checks.required(documentId, "documentId");
        Checks.notBlank(owner, "owner");
        Checks.required(characterId, "characterId");
        Checks.notBlank(title, "title");
        Checks.notBlank(contentType, "content_type");
        Checks.required(bytes, "content");
    }
}
