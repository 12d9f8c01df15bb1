package io.llmstream.adapter.persistence.jooq;

import io.llmstream.adapter.persistence.jooq.Tables.Characters;
import io.llmstream.core.model.Character;
import java.util.Optional;
import org.jooq.Record;

/** Maps character rows to characters. */
final class CharacterRows {

    private CharacterRows() {
    }

    static Character toCharacter(Record row) {
        return new Character(
                row.get(Characters.ID),
                row.get(Characters.OWNER_ID),
                row.get(Characters.ROLE),
                Optional.ofNullable(row.get(Characters.AGENT)),
                row.get(Characters.SYSTEM_PROMPT),
                Optional.ofNullable(row.get(Characters.DEFAULT_PROVIDER)),
                Optional.ofNullable(row.get(Characters.DEFAULT_MODEL)),
                Optional.ofNullable(row.get(Characters.VOICE_ID)),
                Optional.ofNullable(row.get(Characters.VOICE_MODEL)),
                JsonColumns.parameters(row.get(Characters.CUSTOM_PARAMETERS)),
                row.get(Characters.CREATED_AT));
    }
}
