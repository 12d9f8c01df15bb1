package io.llmstream.core.port.in;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a client sends to create or replace a character; validated fully when it becomes a {@link io.llmstream.core.model.Character}. */
public record CharacterDraft(String role, Optional<String> agent, String systemPrompt, Optional<String> defaultProvider,
        Optional<String> defaultModel, Optional<String> voiceId, Optional<String> voiceModel,
        Map<String, String> customParameters) {

    public CharacterDraft {
        Objects.requireNonNull(role, "role is required");
        agent = Commands.optional(agent);
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        defaultProvider = Commands.optional(defaultProvider);
        defaultModel = Commands.optional(defaultModel);
        voiceId = Commands.optional(voiceId);
        voiceModel = Commands.optional(voiceModel);
        customParameters = customParameters == null ? Map.of() : Map.copyOf(customParameters);
    }

    public static CharacterDraft of(String role, String systemPrompt) {
        return new CharacterDraft(role, Optional.empty(), systemPrompt, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of());
    }
}
