package io.llmstream.core.model;

/** One message of the prompt sent to the LLM. */
public record PromptMessage(MessageRole role, String content) {

    public PromptMessage {
        Checks.required(role, "role");
        Checks.required(content, "content");
    }
}
