package io.llmstream.adapter.persistence.jooq;

import io.llmstream.adapter.persistence.jooq.Tables.Chats;
import io.llmstream.adapter.persistence.jooq.Tables.Conversations;
import io.llmstream.adapter.persistence.jooq.Tables.Messages;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.WithHistory;
import io.llmstream.core.port.Dialogues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectUnionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Conversations and chats in their tables; a conversation's character must exist with the same owner. A dialogue
 * with its history is one query: the dialogue's row, then one row per message, each column read once.
 */
final class JooqDialogues implements Dialogues {

    /** A message's columns, empty, named as the table's: the dialogue's row of {@link #withHistory}. */
    private static final List<Field<?>> NO_MESSAGE = Messages.ALL.stream()
            .<Field<?>>map(column -> DSL.castNull(column).as(column.getUnqualifiedName()))
            .toList();

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
    public Optional<WithHistory<Conversation>> findConversationWithHistory(String owner, UUID threadId, int historyLimit) {
        if (historyLimit < 1) {
            return findConversation(owner, threadId).map(conversation -> new WithHistory<>(conversation, List.of()));
        }
        return StoreFailures.translate("find a conversation with its history", () -> withHistory(
                DialogueRows.conversationsWithCharacter(db, NO_MESSAGE)
                        .where(Conversations.ID.eq(threadId))
                        .and(Conversations.OWNER_ID.eq(owner)),
                DialogueRows.CONVERSATION_COLUMNS, DialogueRef.conversation(threadId), owner, historyLimit,
                DialogueRows::toConversation));
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

    @Override
    public Optional<WithHistory<Chat>> findChatWithHistory(String owner, UUID chatId, int historyLimit) {
        if (historyLimit < 1) {
            return findChat(owner, chatId).map(chat -> new WithHistory<>(chat, List.of()));
        }
        return StoreFailures.translate("find a chat with its history", () -> withHistory(
                db.select(Chats.ALL).select(NO_MESSAGE).from(Chats.TABLE)
                        .where(Chats.ID.eq(chatId))
                        .and(Chats.OWNER_ID.eq(owner)),
                Chats.ALL, DialogueRef.chat(chatId), owner, historyLimit, DialogueRows::toChat));
    }

    /**
     * The dialogue's row, then its last messages, in one statement: a {@code UNION ALL} of the dialogue's row (with
     * empty message columns) and one row per message (with empty dialogue columns), ordered by {@code seq} with the
     * dialogue's row first. Each column is read once: a join would repeat the dialogue's row, for a conversation its
     * character's system prompt of up to 32 KiB, on every message row (measured in docs/persistence.md). The messages
     * are the owner's too, as the composite foreign keys keep a message with its dialogue's owner.
     */
    private <D> Optional<WithHistory<D>> withHistory(SelectUnionStep<Record> dialogueRow, List<Field<?>> dialogueColumns,
            DialogueRef dialogue, String owner, int limit, Function<Record, D> toDialogue) {
        Result<Record> rows = dialogueRow
                .unionAll(db.select(dialogueColumns.stream().map(DSL::castNull).toList())
                        .select(Messages.ALL)
                        .from(recentMessages(dialogue, owner, limit)))
                .orderBy(DSL.field(Messages.SEQ.getUnqualifiedName()).nullsFirst())
                .coerce(Stream.concat(dialogueColumns.stream(), Messages.ALL.stream()).toList())
                .fetch();
        if (rows.isEmpty() || rows.getFirst().get(dialogueColumns.getFirst()) == null) {
            return Optional.empty(); // no such dialogue of that owner
        }
        List<Message> history = new ArrayList<>(rows.size() - 1);
        for (Record row : rows.subList(1, rows.size())) {
            history.add(MessageRows.toMessage(row));
        }
        return Optional.of(new WithHistory<>(toDialogue.apply(rows.getFirst()), history));
    }

    /**
     * The owner's last messages of the dialogue as a derived table named {@code messages}, so that {@link Messages}'
     * columns (and {@link MessageRows#toMessage}) read it as they read the table.
     */
    private Table<Record> recentMessages(DialogueRef dialogue, String owner, int limit) {
        return db.select(Messages.ALL).from(Messages.TABLE)
                .where(MessageRows.inDialogue(dialogue))
                .and(Messages.OWNER_ID.eq(owner))
                .orderBy(Messages.SEQ.desc())
                .limit(limit)
                .asTable(Messages.TABLE.getName());
    }
}
