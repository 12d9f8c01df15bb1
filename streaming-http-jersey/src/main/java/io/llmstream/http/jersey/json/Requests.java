package io.llmstream.http.jersey.json;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.Map;

/**
 * The JSON request bodies of the API, as sent (snake_case); fields are checked by the resources, which name them, and
 * every text against the database by {@link StorableText} ({@link Stored} where the name alone is ambiguous).
 */
public final class Requests {

    private Requests() {
    }

    public record CharacterBody(String role, String agent, String systemPrompt, @JsonAlias("default_provider") String provider,
            @JsonAlias("default_model") String model, String voiceId, String voiceModel,
            Map<String, Object> customParameters) {
    }

    public record ArtifactBody(String role, @Stored(StoredColumn.DOCUMENT_TITLE) String title, String content, String contentType) {
    }

    public record StartConversationBody(String role) {
    }

    public record SearchToolConfigBody(String strategy, Integer topK) {
    }

    public record ConversationMessageBody(String threadId, String message, SearchToolConfigBody searchToolConfig,
            String provider, String model) {
    }

    public record CreateChatBody(@Stored(StoredColumn.CHAT_TITLE) String title, String provider, String model) {
    }

    public record ChatMessageBody(String message, String provider, String model) {
    }
}
