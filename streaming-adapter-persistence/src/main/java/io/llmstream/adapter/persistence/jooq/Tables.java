package io.llmstream.adapter.persistence.jooq;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * Hand-declared jOOQ view of the Flyway schema (see ADR 'persistence'): names are unquoted and
 * unqualified, so they resolve in the connection's current schema and fold to the case the DDL used.
 */
final class Tables {

    private Tables() {
    }

    static final class Owners {
        static final Table<?> TABLE = table(name("owners"));
        static final Field<String> ID = field(name("owners", "id"), SQLDataType.VARCHAR(255));
        static final Field<Instant> CREATED_AT = field(name("owners", "created_at"), SQLDataType.INSTANT);

        static final List<Field<?>> ALL = List.of(ID, CREATED_AT);

        private Owners() {
        }
    }

    static final class Characters {
        static final Table<?> TABLE = table(name("characters"));
        static final Field<UUID> ID = field(name("characters", "id"), SQLDataType.UUID);
        static final Field<String> OWNER_ID = field(name("characters", "owner_id"), SQLDataType.VARCHAR(255));
        static final Field<String> ROLE = field(name("characters", "role"), SQLDataType.VARCHAR(64));
        static final Field<String> AGENT = field(name("characters", "agent"), SQLDataType.VARCHAR(255));
        static final Field<String> SYSTEM_PROMPT = field(name("characters", "system_prompt"), SQLDataType.VARCHAR);
        static final Field<String> DEFAULT_PROVIDER =
                field(name("characters", "default_provider"), SQLDataType.VARCHAR(100));
        static final Field<String> DEFAULT_MODEL = field(name("characters", "default_model"), SQLDataType.VARCHAR(255));
        static final Field<String> VOICE_ID = field(name("characters", "voice_id"), SQLDataType.VARCHAR(255));
        static final Field<String> VOICE_MODEL = field(name("characters", "voice_model"), SQLDataType.VARCHAR(255));
        static final Field<String> CUSTOM_PARAMETERS =
                field(name("characters", "custom_parameters"), SQLDataType.VARCHAR);
        static final Field<Instant> CREATED_AT = field(name("characters", "created_at"), SQLDataType.INSTANT);

        static final List<Field<?>> ALL = List.of(ID, OWNER_ID, ROLE, AGENT, SYSTEM_PROMPT, DEFAULT_PROVIDER, DEFAULT_MODEL, VOICE_ID, VOICE_MODEL, CUSTOM_PARAMETERS, CREATED_AT);

        private Characters() {
        }
    }

    static final class Documents {
        static final Table<?> TABLE = table(name("knowledge_documents"));
        static final Field<UUID> ID = field(name("knowledge_documents", "id"), SQLDataType.UUID);
        static final Field<Long> SEQ = field(name("knowledge_documents", "seq"), SQLDataType.BIGINT);
        static final Field<String> OWNER_ID =
                field(name("knowledge_documents", "owner_id"), SQLDataType.VARCHAR(255));
        static final Field<UUID> CHARACTER_ID = field(name("knowledge_documents", "character_id"), SQLDataType.UUID);
        static final Field<String> TITLE = field(name("knowledge_documents", "title"), SQLDataType.VARCHAR(300));
        static final Field<String> CONTENT_TYPE =
                field(name("knowledge_documents", "content_type"), SQLDataType.VARCHAR(255));
        static final Field<Long> SIZE_BYTES = field(name("knowledge_documents", "size_bytes"), SQLDataType.BIGINT);
        static final Field<Integer> CHUNKS = field(name("knowledge_documents", "chunks"), SQLDataType.INTEGER);
        static final Field<Instant> CREATED_AT =
                field(name("knowledge_documents", "created_at"), SQLDataType.INSTANT);

        static final List<Field<?>> ALL = List.of(ID, SEQ, OWNER_ID, CHARACTER_ID, TITLE, CONTENT_TYPE, SIZE_BYTES, CHUNKS, CREATED_AT);

        private Documents() {
        }
    }

    static final class Conversations {
        static final Table<?> TABLE = table(name("conversations"));
        static final Field<UUID> ID = field(name("conversations", "id"), SQLDataType.UUID);
        static final Field<Long> SEQ = field(name("conversations", "seq"), SQLDataType.BIGINT);
        static final Field<String> OWNER_ID = field(name("conversations", "owner_id"), SQLDataType.VARCHAR(255));
        static final Field<UUID> CHARACTER_ID = field(name("conversations", "character_id"), SQLDataType.UUID);
        static final Field<Instant> CREATED_AT = field(name("conversations", "created_at"), SQLDataType.INSTANT);

        static final List<Field<?>> ALL = List.of(ID, SEQ, OWNER_ID, CHARACTER_ID, CREATED_AT);

        private Conversations() {
        }
    }

    static final class Chats {
        static final Table<?> TABLE = table(name("chats"));
        static final Field<UUID> ID = field(name("chats", "id"), SQLDataType.UUID);
        static final Field<String> OWNER_ID = field(name("chats", "owner_id"), SQLDataType.VARCHAR(255));
        static final Field<String> TITLE = field(name("chats", "title"), SQLDataType.VARCHAR(200));
        static final Field<String> PROVIDER = field(name("chats", "provider"), SQLDataType.VARCHAR(100));
        static final Field<String> MODEL = field(name("chats", "model"), SQLDataType.VARCHAR(255));
        static final Field<Instant> CREATED_AT = field(name("chats", "created_at"), SQLDataType.INSTANT);

        static final List<Field<?>> ALL = List.of(ID, OWNER_ID, TITLE, PROVIDER, MODEL, CREATED_AT);

        private Chats() {
        }
    }

    static final class Messages {
        static final Table<?> TABLE = table(name("messages"));
        static final Field<Long> SEQ = field(name("messages", "seq"), SQLDataType.BIGINT);
        static final Field<UUID> ID = field(name("messages", "id"), SQLDataType.UUID);
        static final Field<String> OWNER_ID = field(name("messages", "owner_id"), SQLDataType.VARCHAR(255));
        static final Field<UUID> THREAD_ID = field(name("messages", "thread_id"), SQLDataType.UUID);
        static final Field<UUID> CHAT_ID = field(name("messages", "chat_id"), SQLDataType.UUID);
        static final Field<String> ROLE = field(name("messages", "role"), SQLDataType.VARCHAR(16));
        static final Field<String> CONTENT = field(name("messages", "content"), SQLDataType.VARCHAR);
        static final Field<String> STATUS = field(name("messages", "status"), SQLDataType.VARCHAR(16));
        static final Field<String> PROVIDER = field(name("messages", "provider"), SQLDataType.VARCHAR(100));
        static final Field<String> MODEL = field(name("messages", "model"), SQLDataType.VARCHAR(255));
        static final Field<Integer> PROMPT_TOKENS = field(name("messages", "prompt_tokens"), SQLDataType.INTEGER);
        static final Field<Integer> COMPLETION_TOKENS =
                field(name("messages", "completion_tokens"), SQLDataType.INTEGER);
        static final Field<String> CITATIONS = field(name("messages", "citations"), SQLDataType.VARCHAR);
        static final Field<String> ERROR_CODE = field(name("messages", "error_code"), SQLDataType.VARCHAR(100));
        static final Field<Instant> CREATED_AT = field(name("messages", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> FINISHED_AT = field(name("messages", "finished_at"), SQLDataType.INSTANT);

        static final List<Field<?>> ALL = List.of(SEQ, ID, OWNER_ID, THREAD_ID, CHAT_ID, ROLE, CONTENT, STATUS, PROVIDER, MODEL, PROMPT_TOKENS, COMPLETION_TOKENS, CITATIONS, ERROR_CODE, CREATED_AT, FINISHED_AT);

        private Messages() {
        }
    }
}
