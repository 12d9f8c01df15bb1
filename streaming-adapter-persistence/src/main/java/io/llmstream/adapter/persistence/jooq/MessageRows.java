package io.llmstream.adapter.persistence.jooq;

import io.llmstream.adapter.persistence.jooq.Tables.Messages;
import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.TokenUsage;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;

/** Maps message rows to messages, and a dialogue reference to its column. */
final class MessageRows {

    private MessageRows() {
    }

    static Field<UUID> dialogueColumn(DialogueRef dialogue) {
        return switch (dialogue.kind()) {
            case CONVERSATION -> Messages.THREAD_ID;
            case CHAT -> Messages.CHAT_ID;
        };
    }

    static Condition inDialogue(DialogueRef dialogue) {
        return dialogueColumn(dialogue).eq(dialogue.id());
    }

    static UUID threadId(DialogueRef dialogue) {
        return dialogue.kind() == DialogueKind.CONVERSATION ? dialogue.id() : null;
    }

    static UUID chatId(DialogueRef dialogue) {
        return dialogue.kind() == DialogueKind.CHAT ? dialogue.id() : null;
    }

    static Message toMessage(Record row) {
        UUID threadId = row.get(Messages.THREAD_ID);
        DialogueRef dialogue = threadId != null
                ? DialogueRef.conversation(threadId)
                : DialogueRef.chat(row.get(Messages.CHAT_ID));
        Integer prompt = row.get(Messages.PROMPT_TOKENS);
        Integer completion = row.get(Messages.COMPLETION_TOKENS);
        Optional<TokenUsage> usage = prompt == null || completion == null
                ? Optional.empty()
                : Optional.of(new TokenUsage(prompt, completion));
        return new Message(
                row.get(Messages.ID),
                dialogue,
                MessageRole.fromWire(row.get(Messages.ROLE)),
                row.get(Messages.CONTENT),
                MessageStatus.fromWire(row.get(Messages.STATUS)),
                JsonColumns.citations(row.get(Messages.CITATIONS)),
                Optional.ofNullable(row.get(Messages.PROVIDER)),
                Optional.ofNullable(row.get(Messages.MODEL)),
                usage,
                Optional.ofNullable(row.get(Messages.ERROR_CODE)),
                row.get(Messages.CREATED_AT),
                Optional.ofNullable(row.get(Messages.FINISHED_AT)));
    }
}
