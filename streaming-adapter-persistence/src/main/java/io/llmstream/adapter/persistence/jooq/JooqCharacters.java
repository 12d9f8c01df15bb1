package io.llmstream.adapter.persistence.jooq;

import io.llmstream.adapter.persistence.jooq.Tables.Characters;
import io.llmstream.core.model.Character;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Characters in the {@code characters} table; deleting one cascades to its conversations and documents. */
// the port is named in full: the simple name Characters is the table's here
final class JooqCharacters implements io.llmstream.core.port.Characters {

    private final DSLContext db;
    private final OwnerRows owners;

    JooqCharacters(DSLContext db, OwnerRows owners) {
        this.db = db;
        this.owners = owners;
    }

    @Override
    public SaveResult create(Character character) {
        return StoreFailures.translate("create a character", () -> {
            owners.ensure(db, character.owner());
            try {
                db.insertInto(Characters.TABLE)
                        .set(Characters.ID, character.id())
                        .set(Characters.OWNER_ID, character.owner())
                        .set(Characters.ROLE, character.role())
                        .set(Characters.AGENT, character.agent().orElse(null))
                        .set(Characters.SYSTEM_PROMPT, character.systemPrompt())
                        .set(Characters.DEFAULT_PROVIDER, character.defaultProvider().orElse(null))
                        .set(Characters.DEFAULT_MODEL, character.defaultModel().orElse(null))
                        .set(Characters.VOICE_ID, character.voiceId().orElse(null))
                        .set(Characters.VOICE_MODEL, character.voiceModel().orElse(null))
                        .set(Characters.CUSTOM_PARAMETERS, JsonColumns.parameters(character.customParameters()))
                        .set(Characters.CREATED_AT, Timestamps.stored(character.createdAt()))
                        .execute();
                return SaveResult.SAVED;
            } catch (DataAccessException e) {
                return roleTakenOrRethrow(character, e);
            }
        });
    }

    @Override
    public SaveResult update(Character character) {
        return StoreFailures.translate("update a character", () -> {
            try {
                int updated = db.update(Characters.TABLE)
                        .set(Characters.ROLE, character.role())
                        .set(Characters.AGENT, character.agent().orElse(null))
                        .set(Characters.SYSTEM_PROMPT, character.systemPrompt())
                        .set(Characters.DEFAULT_PROVIDER, character.defaultProvider().orElse(null))
                        .set(Characters.DEFAULT_MODEL, character.defaultModel().orElse(null))
                        .set(Characters.VOICE_ID, character.voiceId().orElse(null))
                        .set(Characters.VOICE_MODEL, character.voiceModel().orElse(null))
                        .set(Characters.CUSTOM_PARAMETERS, JsonColumns.parameters(character.customParameters()))
                        .where(Characters.ID.eq(character.id()))
                        .and(Characters.OWNER_ID.eq(character.owner()))
                        .execute();
                return updated == 1 ? SaveResult.SAVED : SaveResult.NOT_FOUND;
            } catch (DataAccessException e) {
                return roleTakenOrRethrow(character, e);
            }
        });
    }

    @Override
    public Optional<Character> findByRole(String owner, String role) {
        return StoreFailures.translate("find a character", () -> db.select(Characters.ALL).from(Characters.TABLE)
                .where(Characters.OWNER_ID.eq(owner))
                .and(Characters.ROLE.eq(role))
                .fetchOptional(CharacterRows::toCharacter));
    }

    @Override
    public Optional<Character> findById(String owner, UUID id) {
        return StoreFailures.translate("find a character", () -> db.select(Characters.ALL).from(Characters.TABLE)
                .where(Characters.OWNER_ID.eq(owner))
                .and(Characters.ID.eq(id))
                .fetchOptional(CharacterRows::toCharacter));
    }

    @Override
    public List<Character> list(String owner) {
        return StoreFailures.translate("list characters", () -> db.select(Characters.ALL).from(Characters.TABLE)
                .where(Characters.OWNER_ID.eq(owner))
                .orderBy(Characters.ROLE)
                .fetch(CharacterRows::toCharacter));
    }

    @Override
    public boolean delete(String owner, UUID id) {
        return StoreFailures.translate("delete a character", () -> db.deleteFrom(Characters.TABLE)
                .where(Characters.OWNER_ID.eq(owner))
                .and(Characters.ID.eq(id))
                .execute() == 1);
    }

    /** A unique violation is the role being taken only when another of the owner's characters has it. */
    private SaveResult roleTakenOrRethrow(Character character, DataAccessException e) {
        if (StoreFailures.isUniqueViolation(e) && db.fetchExists(db.select(Characters.ALL).from(Characters.TABLE)
                .where(Characters.OWNER_ID.eq(character.owner()))
                .and(Characters.ROLE.eq(character.role()))
                .and(Characters.ID.ne(character.id())))) {
            return SaveResult.ROLE_TAKEN;
        }
        throw e;
    }
}
