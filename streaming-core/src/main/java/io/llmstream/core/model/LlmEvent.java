package io.llmstream.core.model;

import java.util.Optional;

/** What an LLM completion yields: deltas, then exactly one {@link Finished}. */
public sealed interface LlmEvent {

    /** Text of the answer. */
    record TextDelta(String text) implements LlmEvent {
        public TextDelta {
            Checks.required(text, "text");
        }
    }

    /** Reasoning ("thinking") text some models stream before the answer; never part of the answer. */
    record ReasoningDelta(String text) implements LlmEvent {
        public ReasoningDelta {
            Checks.required(text, "text");
        }
    }

    /**
     * The completion ended normally.
     *
     * @param finishReason the provider's reason as sent ({@code stop}, {@code length}, {@code end_turn}, ...)
     * @param usage        token counts when the provider reported them
     */
    record Finished(String finishReason, Optional<TokenUsage> usage) implements LlmEvent {
        public Finished {
            Checks.required(finishReason, "finishReason");
            usage = usage == null ? Optional.empty() : usage;
        }
    }
}
