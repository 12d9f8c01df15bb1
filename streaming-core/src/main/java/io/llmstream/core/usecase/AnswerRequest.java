package io.llmstream.core.usecase;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.SearchToolConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Everything the shared steps 2 to 7 need, assembled by a use case in step 1. */
record AnswerRequest(
        String owner,
        DialogueRef dialogue,
        String message,
        String systemPrompt,
        Optional<UUID> characterId,
        Optional<SearchToolConfig> search,
        Optional<String> provider,
        Optional<String> model,
        Map<String, String> parameters,
        List<Message> history) {
}
