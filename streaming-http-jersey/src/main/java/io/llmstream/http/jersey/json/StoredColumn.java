package io.llmstream.http.jersey.json;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The bounded text columns that request fields are stored in, with their lengths: the one table request
 * validation reads. The migrations must agree with it; {@code SchemaLimitsTest} in {@code streaming-app} compares it
 * with the columns of a freshly migrated PostgreSQL schema and fails when they drift apart.
 */
public enum StoredColumn {
    CHARACTER_ROLE("characters", "role", 64, "role"),
    CHARACTER_AGENT("characters", "agent", 255, "agent"),
    CHARACTER_SYSTEM_PROMPT("characters", "system_prompt", 32_768, "system_prompt"),
    CHARACTER_PROVIDER("characters", "default_provider", 100, "provider"),
    CHARACTER_MODEL("characters", "default_model", 255, "model"),
    CHARACTER_VOICE_ID("characters", "voice_id", 255, "voice_id"),
    CHARACTER_VOICE_MODEL("characters", "voice_model", 255, "voice_model"),
    DOCUMENT_TITLE("knowledge_documents", "title", 300, "title"),
    DOCUMENT_CONTENT_TYPE("knowledge_documents", "content_type", 255, "content_type"),
    CHAT_TITLE("chats", "title", 200, "title"),
    CHAT_PROVIDER("chats", "provider", 100, "provider"),
    CHAT_MODEL("chats", "model", 255, "model"),
    MESSAGE_PROVIDER("messages", "provider", 100, "provider"),
    MESSAGE_MODEL("messages", "model", 255, "model"),
    OWNER_ID("owners", "id", 255, "sub");

    private final String table;
    private final String column;
    private final int maxLength;
    private final String field;

    StoredColumn(String table, String column, int maxLength, String field) {
        this.table = table;
        this.column = column;
        this.maxLength = maxLength;
        this.field = field;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }

    /** Most characters the column holds ({@code VARCHAR(n)}). */
    public int maxLength() {
        return maxLength;
    }

    /** The JSON field of request bodies stored in this column. */
    String field() {
        return field;
    }

    /** The strictest column a request field of this name is stored in, for fields that do not name theirs. */
    static Optional<StoredColumn> strictestFor(String field) {
        return Arrays.stream(values()).filter(c -> c.field.equals(field)).min(Comparator.comparingInt(StoredColumn::maxLength));
    }
}
