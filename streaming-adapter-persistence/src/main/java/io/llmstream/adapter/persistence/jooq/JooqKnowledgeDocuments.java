package io.llmstream.adapter.persistence.jooq;

import io.llmstream.adapter.persistence.jooq.Tables.Characters;
import io.llmstream.adapter.persistence.jooq.Tables.Documents;
import io.llmstream.core.model.KnowledgeDocument;
import io.llmstream.core.port.KnowledgeDocuments;
import io.llmstream.core.port.StoreException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectConditionStep;

/**
 * Document records in {@code knowledge_documents}; a document's character must exist with the same
 * owner, and its role is read from the character, so renaming a character renames its documents' role.
 */
final class JooqKnowledgeDocuments implements KnowledgeDocuments {

    private final DSLContext db;

    JooqKnowledgeDocuments(DSLContext db) {
        this.db = db;
    }

    @Override
    public void save(KnowledgeDocument document) {
        StoreFailures.run("save a document", () -> {
            int rows = db.insertInto(Documents.TABLE)
                    .set(Documents.ID, document.id())
                    .set(Documents.OWNER_ID, document.owner())
                    .set(Documents.CHARACTER_ID, document.characterId())
                    .set(Documents.TITLE, document.title())
                    .set(Documents.CONTENT_TYPE, document.contentType())
                    .set(Documents.SIZE_BYTES, document.sizeBytes())
                    .set(Documents.CHUNKS, document.chunks())
                    .set(Documents.CREATED_AT, Timestamps.stored(document.createdAt()))
                    .onConflict(Documents.ID)
                    .doUpdate()
                    .set(Documents.CHARACTER_ID, document.characterId())
                    .set(Documents.TITLE, document.title())
                    .set(Documents.CONTENT_TYPE, document.contentType())
                    .set(Documents.SIZE_BYTES, document.sizeBytes())
                    .set(Documents.CHUNKS, document.chunks())
                    .set(Documents.CREATED_AT, Timestamps.stored(document.createdAt()))
                    .where(Documents.OWNER_ID.eq(document.owner()))
                    .execute();
            if (rows == 0) {
                throw new StoreException("could not save document " + document.id()
                        + ": the id belongs to another owner's document");
            }
        });
    }

    @Override
    public Optional<KnowledgeDocument> find(String owner, UUID id) {
        return StoreFailures.translate("find a document", () -> withRole(Documents.OWNER_ID.eq(owner)
                .and(Documents.ID.eq(id)))
                .fetchOptional(JooqKnowledgeDocuments::toDocument));
    }

    @Override
    public List<KnowledgeDocument> listByCharacter(String owner, UUID characterId) {
        return StoreFailures.translate("list documents", () -> withRole(Documents.OWNER_ID.eq(owner)
                .and(Documents.CHARACTER_ID.eq(characterId)))
                .orderBy(Documents.CREATED_AT, Documents.SEQ)
                .fetch(JooqKnowledgeDocuments::toDocument));
    }

    @Override
    public boolean delete(String owner, UUID id) {
        return StoreFailures.translate("delete a document", () -> db.deleteFrom(Documents.TABLE)
                .where(Documents.OWNER_ID.eq(owner))
                .and(Documents.ID.eq(id))
                .execute() == 1);
    }

    private SelectConditionStep<Record> withRole(Condition condition) {
        return db.select(Documents.ALL)
                .select(Characters.ROLE)
                .from(Documents.TABLE)
                .join(Characters.TABLE)
                .on(Characters.ID.eq(Documents.CHARACTER_ID))
                .and(Characters.OWNER_ID.eq(Documents.OWNER_ID))
                .where(condition);
    }

    private static KnowledgeDocument toDocument(Record row) {
        return new KnowledgeDocument(row.get(Documents.ID), row.get(Documents.OWNER_ID),
                row.get(Documents.CHARACTER_ID), row.get(Characters.ROLE), row.get(Documents.TITLE),
                row.get(Documents.CONTENT_TYPE), row.get(Documents.SIZE_BYTES), row.get(Documents.CHUNKS),
                row.get(Documents.CREATED_AT));
    }
}
