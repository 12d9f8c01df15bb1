package io.llmstream.core.model;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A plain chat (no persona, no retrieval), owned by one user; provider and model are its defaults. */
public record Chat(UUID id, String owner, Optional<String> title, Optional<String> provider, Optional<String> model,
        Instant createdAt) {

    public static final int MAX_TITLE_LENGTH = 200;

    public Chat {
        Checks.required(id, "chat id");
        Checks.notBlank(owner, "owner");
        title = Checks.optionalText(title);
        title.ifPresent(t -> Checks.maxLength(t, MAX_TITLE_LENGTH, "title"));
        provider = Checks.optionalText(provider);
        model = Checks.optionalText(model);
        Checks.required(createdAt, "createdAt");
    }

    public DialogueRef ref() {
        return DialogueRef.chat(id);
    }
}
