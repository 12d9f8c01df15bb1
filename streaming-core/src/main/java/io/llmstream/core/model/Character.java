package io.llmstream.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A persona conversations are held with: a role name unique per owner, a system prompt, default model
 * and provider, an optional voice and free-form custom parameters. Its knowledge base is the set of
 * documents indexed for it.
 */
public record Character(
        UUID id,
        String owner,
        String role,
        Optional<String> agent,
        String systemPrompt,
        Optional<String> defaultProvider,
        Optional<String> defaultModel,
        Optional<String> voiceId,
        Optional<String> voiceModel,
        Map<String, String> customParameters,
        Instant createdAt) {

    public static final int MAX_ROLE_LENGTH = 64;
    public static final int MAX_SYSTEM_PROMPT_LENGTH = 32_768;
    /** Role names are used in URLs: letters, digits, '-', '_' and '.', starting with a letter or digit. */
    public static final Pattern ROLE_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public Character {
        Checks.required(id, "id");
        Checks.notBlank(owner, "owner");
        Checks.notBlank(role, "role");
        Checks.maxLength(role, MAX_ROLE_LENGTH, "role");
        if (!ROLE_PATTERN.matcher(role).matches()) {
            throw new IllegalArgumentException(
                    "role may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit, was '" + role + "'");
        }
        agent = Checks.optionalText(agent);
        Checks.required(systemPrompt, "system_prompt");
        Checks.maxLength(systemPrompt, MAX_SYSTEM_PROMPT_LENGTH, "system_prompt");
        defaultProvider = Checks.optionalText(defaultProvider);
        defaultModel = Checks.optionalText(defaultModel);
        voiceId = Checks.optionalText(voiceId);
        voiceModel = Checks.optionalText(voiceModel);
        customParameters = Map.copyOf(Checks.required(customParameters, "custom_parameters"));
        Checks.required(createdAt, "createdAt");
    }
}
