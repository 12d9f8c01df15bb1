package io.llmstream.core.usecase;

import io.llmstream.core.model.Character;
import io.llmstream.core.model.DocumentContent;
import io.llmstream.core.model.KnowledgeDocument;
import io.llmstream.core.port.Characters;
import io.llmstream.core.port.KnowledgeDocuments;
import io.llmstream.core.port.IngestionException;
import io.llmstream.core.port.KnowledgeBase;
import io.llmstream.core.port.in.ManageKnowledge;
import io.llmstream.core.port.in.Result;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@link ManageKnowledge} use case. */
final class ManageKnowledgeService implements ManageKnowledge {

    private final Characters characters;
    private final KnowledgeDocuments documents;
    private final KnowledgeBase knowledgeBase;
    private final Clock clock;

    ManageKnowledgeService(Characters characters, KnowledgeDocuments documents, KnowledgeBase knowledgeBase, Clock clock) {
        this.characters = characters;
        this.documents = documents;
        this.knowledgeBase = knowledgeBase;
        this.clock = clock;
    }

    /**
     * @return the recorded document, {@link Result.NotFound} for an unknown role, or {@link Result.Invalid}
     *         (field {@code content} or {@code content_type}) when the document cannot be indexed
     */
    @Override
    public Result<KnowledgeDocument> add(String owner, String role, String title, String contentType, byte[] content) {
        Optional<Character> character = characters.findByRole(owner, role);
        if (character.isEmpty()) {
            return new Result.NotFound<>("Character with role '" + role + "' not found");
        }
        UUID id = UUID.randomUUID();
        int chunks;
        try {
            chunks = knowledgeBase.index(new DocumentContent(id, owner, character.get().id(), title, contentType, content));
        } catch (IngestionException e) {
            String field = e.reason() == IngestionException.Reason.UNSUPPORTED_TYPE ? "content_type" : "content";
            if (e.reason() == IngestionException.Reason.INDEX_FAILURE) {
                throw e;
            }
            return new Result.Invalid<>(field, e.getMessage());
        }
        KnowledgeDocument document = new KnowledgeDocument(id, owner, character.get().id(), role, title, contentType,
                content.length, chunks, clock.instant());
        try {
            documents.save(document);
        } catch (RuntimeException e) {
            knowledgeBase.remove(id);
            throw e;
        }
        return Result.ok(document);
    }

    /** The documents of the owner's character with this role, or empty when there is no such character. */
    @Override
    public Optional<List<KnowledgeDocument>> list(String owner, String role) {
        return characters.findByRole(owner, role).map(c -> documents.listByCharacter(owner, c.id()));
    }

    @Override
    public Optional<KnowledgeDocument> get(String owner, UUID id) {
        return documents.find(owner, id);
    }

    /**
     * Removes the document's passages, then its record (in that order, so a failure never leaves passages
     * citing a document that no longer exists); false when the owner has no such document.
     */
    @Override
    public boolean delete(String owner, UUID id) {
        if (documents.find(owner, id).isEmpty()) {
            return false;
        }
        knowledgeBase.remove(id);
        return documents.delete(owner, id);
    }
}
