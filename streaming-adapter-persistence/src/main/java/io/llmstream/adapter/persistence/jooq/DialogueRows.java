package io.llmstream.adapter.persistence.jooq;

import io.llmstream.adapter.persistence.jooq.Tables.Characters;
import io.llmstream.adapter.persistence.jooq.Tables.Chats;
import io.llmstream.adapter.persistence.jooq.Tables.Conversations;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Conversation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.Table;

/** Reads conversations (with their character) and chats. */
final class DialogueRows {

    /** What a conversation is read from: its own columns and its character's. */
    static final List<Field<?>> CONVERSATION_COLUMNS = Stream.concat(
            Stream.of(Conversations.ID, Conversations.OWNER_ID, Conversations.CREATED_AT),
            Characters.ALL.stream()).toList();

    /** Of those, the character's text of unbounded length (a system prompt of up to 32 KiB, its parameters' JSON). */
    static final List<Field<?>> CONVERSATION_WIDE_COLUMNS = List.of(Characters.SYSTEM_PROMPT, Characters.CUSTOM_PARAMETERS);

    private DialogueRows() {
    }

    /** Conversations joined with their character; the caller adds the owner and any other condition. */
    static SelectJoinStep<Record> conversationsWithCharacter(DSLContext db) {
        return db.select(CONVERSATION_COLUMNS).from(conversationsWithCharacter());
    }

    /** The table a conversation is read from: conversations joined with their character. */
    static Table<Record> conversationsWithCharacter() {
        return Conversations.TABLE.join(Characters.TABLE)
                .on(Characters.ID.eq(Conversations.CHARACTER_ID))
                .and(Characters.OWNER_ID.eq(Conversations.OWNER_ID));
    }

    static Conversation toConversation(Record row) {
        return new Conversation(row.get(Conversations.ID), row.get(Conversations.OWNER_ID),
                CharacterRows.toCharacter(row), row.get(Conversations.CREATED_AT));
    }

    static Chat toChat(Record row) {
        return new Chat(row.get(Chats.ID), row.get(Chats.OWNER_ID), Optional.ofNullable(row.get(Chats.TITLE)),
                Optional.ofNullable(row.get(Chats.PROVIDER)), Optional.ofNullable(row.get(Chats.MODEL)),
                row.get(Chats.CREATED_AT));
    }
}
