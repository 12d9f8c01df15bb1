package io.llmstream.core.model;

/** Tokens the LLM counted for one completion. */
public record TokenUsage(int promptTokens, int completionTokens) {

    public TokenUsage {
        Checks.nonNegative(promptTokens, "promptTokens");
        Checks.nonNegative(completionTokens, "completionTokens");
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
