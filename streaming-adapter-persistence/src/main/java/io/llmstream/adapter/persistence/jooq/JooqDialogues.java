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
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Conversations and chats in their tables; a conversation's character must exist with the same owner. A dialogue
 * with its history is one query: the dialogue's row left-joined with its last messages, one row per message, a
 * character's long text on one row only.
 */
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
    public Optional<WithHistory<Conversation>> findConversationWithHistory(String owner, UUID threadId, int historyLimit) {
        if (historyLimit < 1) {
            return findConversation(owner, threadId).map(conversation -> new WithHistory<>(conversation, List.of()));
        }
        return StoreFailures.translate("find a conversation with its history", () -> withHistory(
                DialogueRows.CONVERSATION_COLUMNS, DialogueRows.CONVERSATION_WIDE_COLUMNS,
                DialogueRows.conversationsWithCharacter(),
                Conversations.ID.eq(threadId).and(Conversations.OWNER_ID.eq(owner)),
                DialogueRef.conversation(threadId), historyLimit, DialogueRows::toConversation));
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
                Chats.ALL, List.of(), Chats.TABLE, Chats.ID.eq(chatId).and(Chats.OWNER_ID.eq(owner)),
                DialogueRef.chat(chatId), historyLimit, DialogueRows::toChat));
    }

    /**
     * The dialogue's last messages as a derived table named {@code messages}, so that {@link Messages}' columns (and
     * {@link MessageRows#toMessage}) read it as they read the table; the owner is checked on the dialogue's row.
     */
    private Table<Record> recentMessages(DialogueRef dialogue, int limit) {
        return db.select(Messages.ALL).from(Messages.TABLE)
                .where(MessageRows.inDialogue(dialogue))
                .orderBy(Messages.SEQ.desc())
                .limit(limit)
                .asTable(Messages.TABLE.getName());
    }

    /**
     * The dialogue's row (the {@code columns} of {@code table} where {@code condition}, the owner's) left-joined with
     * its last messages, one row per message ordered by {@code seq}. Its {@code wide} columns are on the newest
     * message's row only (the last row; one statement reads one snapshot, so that message is among the last ones),
     * empty on the others: repeated on every row, as a plain join does, a conversation's system prompt of up to 32 KiB
     * made a long history many times slower to read (docs/persistence.md). Not a {@code UNION ALL} of the dialogue's
     * row and the messages' rows: H2 parses a union again on every execution. No row: no such dialogue of that owner;
     * one row without a message: a dialogue without messages.
     */
    private <D> Optional<WithHistory<D>> withHistory(List<Field<?>> columns, List<Field<?>> wide, Table<?> table,
            Condition condition, DialogueRef dialogue, int limit, Function<Record, D> toDialogue) {
        Table<?> newest = db.select(DSL.max(Messages.SEQ).as(Messages.SEQ.getName())).from(Messages.TABLE)
                .where(MessageRows.inDialogue(dialogue))
                .asTable("newest");
        Condition newestRow = Messages.SEQ.isNull()
                .or(Messages.SEQ.eq(newest.field(Messages.SEQ.getName(), Long.class)));
        List<Field<?>> selected = columns.stream()
                .<Field<?>>map(column -> wide.contains(column)
                        ? DSL.when(newestRow, column).as(column.getUnqualifiedName())
                        : column)
                .toList();
        Result<Record> rows = db.select(selected).select(Messages.ALL)
                .from(wide.isEmpty() ? table : table.crossJoin(newest))
                .leftJoin(recentMessages(dialogue, limit)).on(DSL.trueCondition())
                .where(condition)
                .orderBy(Messages.SEQ)
                // read by position as the columns themselves, so that the mappers find the wide ones too
                .coerce(Stream.concat(columns.stream(), Messages.ALL.stream()).toList())
                .fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Message> history = new ArrayList<>(rows.size());
        for (Record row : rows) {
            if (row.get(Messages.ID) != null) {
                history.add(MessageRows.toMessage(row));
            }
        }
        return Optional.of(new WithHistory<>(toDialogue.apply(rows.getLast()), history));
    }
}
