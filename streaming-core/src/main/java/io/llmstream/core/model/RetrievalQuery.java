package io.llmstream.core.model;

import java.util.UUID;

/** Passages to find in one character's knowledge base for a question. */
public record RetrievalQuery(String owner, UUID characterId, String text, SearchToolConfig config) {

    public RetrievalQuery {
        Checks.notBlank(owner, "owner");
        Checks.required(characterId, "characterId");
        Checks.required(text, "text");
        Checks.required(config, "config");
    }
}
