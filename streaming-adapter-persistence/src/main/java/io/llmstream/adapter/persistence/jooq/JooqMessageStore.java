package io.llmstream.adapter.persistence.jooq;

import io.llmstream.adapter.persistence.jooq.Tables.Chats;
import io.llmstream.adapter.persistence.jooq.Tables.Conversations;
import io.llmstream.adapter.persistence.jooq.Tables.Messages;
import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.MessageStore;
import io.llmstream.core.port.StoreException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/**
 * Messages in the {@code messages} table. A save is one upsert by message id, so a retried write
 * never duplicates a message; the owner is taken from the dialogue, and a message id can never be
 * moved to another dialogue.
 */
final class JooqMessageStore implements MessageStore {

    private final DSLContext db;

    JooqMessageStore(DSLContext db) {
        this.db = db;
    }

    @Override
    public List<Message> recentMessages(DialogueRef dialogue, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return StoreFailures.translate("read messages", () -> db.select(Messages.ALL).from(Messages.TABLE)
                .where(MessageRows.inDialogue(dialogue))
                .orderBy(Messages.SEQ.desc())
                .limit(limit)
                .fetch(MessageRows::toMessage)
                .reversed());
    }

    /**
     * One statement, one round trip: the message's owner is read from its dialogue inside the insert. Only when that
     * fails (no such dialogue: the owner is null) does a second query tell why.
     */
    @Override
    public void save(Message message) {
        StoreFailures.run("save a message", () -> {
            int rows;
            try {
                rows = upsert(message, ownerOf(message.dialogue()));
            } catch (IntegrityConstraintViolationException e) {
                if (!dialogueExists(message.dialogue())) {
                    throw new StoreException("could not save message " + message.id() + ": its "
                            + message.dialogue().kind().name().toLowerCase(Locale.ROOT) + " "
                            + message.dialogue().id() + " does not exist", e);
                }
                throw e;
            }
            if (rows == 0) {
                throw new StoreException("could not save message " + message.id()
                        + ": the id belongs to a message of another dialogue");
            }
        });
    }

    /**
     * One prepared statement per kind of dialogue, executed as a JDBC batch: one round trip when all messages are of
     * chats or all of conversations, two when mixed. The statement is rendered and parsed once per batch, and every
     * message binds its values to it (a batch of distinct statements would render each with its values inlined, and
     * the database would parse each). A message whose dialogue is missing or whose id is another dialogue's fails the
     * call (the others may be saved): the writer then saves them one by one and learns which one it was.
     */
    @Override
    public void saveAll(List<Message> messages) {
        StoreFailures.run("save " + messages.size() + " messages", () -> {
            Map<DialogueKind, List<Message>> byKind = messages.stream().collect(
                    Collectors.groupingBy(m -> m.dialogue().kind(), () -> new EnumMap<>(DialogueKind.class),
                            Collectors.toList()));
            for (List<Message> sameKind : byKind.values()) {
                BatchBindStep batch = null;
                for (Message message : sameKind) {
                    Query upsert = upsertOf(message, ownerOf(message.dialogue())); // the same statement for one kind
                    batch = (batch == null ? db.batch(upsert) : batch).bind(upsert.getBindValues().toArray());
                }
                for (int count : batch.execute()) {
                    if (count == 0) {
                        throw new StoreException("one of " + messages.size()
                                + " messages could not be saved in a batch");
                    }
                }
            }
        });
    }

    /** The dialogue's owner as a scalar subquery: null when the dialogue does not exist. */
    private static Field<String> ownerOf(DialogueRef dialogue) {
        return switch (dialogue.kind()) {
            case CONVERSATION -> DSL.field(DSL.select(Conversations.OWNER_ID).from(Conversations.TABLE)
                    .where(Conversations.ID.eq(dialogue.id())));
            case CHAT -> DSL.field(DSL.select(Chats.OWNER_ID).from(Chats.TABLE).where(Chats.ID.eq(dialogue.id())));
        };
    }

    private boolean dialogueExists(DialogueRef dialogue) {
        return switch (dialogue.kind()) {
            case CONVERSATION -> db.fetchExists(Conversations.TABLE, Conversations.ID.eq(dialogue.id()));
            case CHAT -> db.fetchExists(Chats.TABLE, Chats.ID.eq(dialogue.id()));
        };
    }

    /** Inserts, or replaces the same message of the same dialogue; 0 rows when the id is another dialogue's. */
    private int upsert(Message message, Field<String> owner) {
        return upsertOf(message, owner).execute();
    }

    private Query upsertOf(Message message, Field<String> owner) {
        String citations = JsonColumns.citations(message.citations());
        Integer promptTokens = message.usage().map(TokenUsage::promptTokens).orElse(null);
        Integer completionTokens = message.usage().map(TokenUsage::completionTokens).orElse(null);
        Instant createdAt = Timestamps.stored(message.createdAt());
        Instant finishedAt = message.finishedAt().map(Timestamps::stored).orElse(null);
        return db.insertInto(Messages.TABLE)
                .set(Messages.ID, message.id())
                .set(Messages.OWNER_ID, owner)
                .set(Messages.THREAD_ID, MessageRows.threadId(message.dialogue()))
                .set(Messages.CHAT_ID, MessageRows.chatId(message.dialogue()))
                .set(Messages.ROLE, message.role().wireName())
                .set(Messages.CONTENT, message.content())
                .set(Messages.STATUS, message.status().wireName())
                .set(Messages.PROVIDER, message.provider().orElse(null))
                .set(Messages.MODEL, message.model().orElse(null))
                .set(Messages.PROMPT_TOKENS, promptTokens)
                .set(Messages.COMPLETION_TOKENS, completionTokens)
                .set(Messages.CITATIONS, citations)
                .set(Messages.ERROR_CODE, message.errorCode().orElse(null))
                .set(Messages.CREATED_AT, createdAt)
                .set(Messages.FINISHED_AT, finishedAt)
                .onConflict(Messages.ID)
                .doUpdate()
                .set(Messages.ROLE, message.role().wireName())
                .set(Messages.CONTENT, message.content())
                .set(Messages.STATUS, message.status().wireName())
                .set(Messages.PROVIDER, message.provider().orElse(null))
                .set(Messages.MODEL, message.model().orElse(null))
                .set(Messages.PROMPT_TOKENS, promptTokens)
                .set(Messages.COMPLETION_TOKENS, completionTokens)
                .set(Messages.CITATIONS, citations)
                .set(Messages.ERROR_CODE, message.errorCode().orElse(null))
                .set(Messages.CREATED_AT, createdAt)
                .set(Messages.FINISHED_AT, finishedAt)
                .where(Messages.OWNER_ID.eq(owner))
                .and(MessageRows.inDialogue(message.dialogue()));
    }
}
