package io.llmstream.adapter.persistence.jooq;

import io.llmstream.adapter.persistence.jooq.Tables.Chats;
import io.llmstream.adapter.persistence.jooq.Tables.Conversations;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.port.Dialogues;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Conversations and chats in their tables; a conversation's character must exist with the same owner. */
final class JooqDialogues implements Dialogues {

    private final DSLContext db;
    private final OwnerRows owners;

    JooqDialogues(DSLContext db, OwnerRows owners) {
        this.db = db;
        this.owners = owners;
    }

    @Override
    public void createConversation(Conversation conversation) {
        StoreFailures.run("create a conversation", () -> db.insertInto(Conversations.TABLE)
                .set(Conversations.ID, conversation.id())
                .set(Conversations.OWNER_ID, conversation.owner())
                .set(Conversations.CHARACTER_ID, conversation.character().id())
                .set(Conversations.CREATED_AT, Timestamps.stored(conversation.createdAt()))
                .execute());
    }

    @Override
    public Optional<Conversation> findConversation(String owner, UUID threadId) {
        return StoreFailures.translate("find a conversation", () -> DialogueRows.conversationsWithCharacter(db)
                .where(Conversations.ID.eq(threadId))
                .and(Conversations.OWNER_ID.eq(owner))
                .fetchOptional(DialogueRows::toConversation));
    }

    @Override
    public List<Conversation> listConversations(String owner, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return StoreFailures.translate("list conversations", () -> DialogueRows.conversationsWithCharacter(db)
                .where(Conversations.OWNER_ID.eq(owner))
                .orderBy(Conversations.CREATED_AT.desc(), Conversations.SEQ.desc())
                .limit(limit)
                .fetch(DialogueRows::toConversation));
    }

    @Override
    public void createChat(Chat chat) {
        StoreFailures.run("create a chat", () -> {
            owners.ensure(db, chat.owner());
            db.insertInto(Chats.TABLE)
                    .set(Chats.ID, chat.id())
                    .set(Chats.OWNER_ID, chat.owner())
                    .set(Chats.TITLE, chat.title().orElse(null))
                    .set(Chats.PROVIDER, chat.provider().orElse(null))
                    .set(Chats.MODEL, chat.model().orElse(null))
                    .set(Chats.CREATED_AT, Timestamps.stored(chat.createdAt()))
                    .execute();
        });
    }

    @Override
    public Optional<Chat> findChat(String owner, UUID chatId) {
        return StoreFailures.translate("find a chat", () -> db.select(Chats.ALL).from(Chats.TABLE)
                .where(Chats.ID.eq(chatId))
                .and(Chats.OWNER_ID.eq(owner))
                .fetchOptional(DialogueRows::toChat));
    }
}
