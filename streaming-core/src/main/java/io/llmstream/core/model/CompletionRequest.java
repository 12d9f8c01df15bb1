package io.llmstream.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A completion to stream. An empty provider or model means "the configured default"; the
 * {@link io.llmstream.core.port.LlmStream.Completion} says which were used.
 *
 * @param parameters provider-specific options passed through as given (e.g. {@code temperature})
 */
public record CompletionRequest(Optional<String> provider, Optional<String> model, List<PromptMessage> messages,
        Map<String, String> parameters) {

    public CompletionRequest {
        provider = Checks.optionalText(provider);
        model = Checks.optionalText(model);
        messages = List.copyOf(Checks.required(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a completion needs at least one message");
        }
        parameters = Map.copyOf(Checks.required(parameters, "parameters"));
    }
}
