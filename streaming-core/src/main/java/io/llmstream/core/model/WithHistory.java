package io.llmstream.core.model;

import java.util.List;

/**
 * A dialogue (a {@link Chat} or a {@link Conversation}) as a stream's set-up reads it: with its most recent messages,
 * oldest first, of every status.
 *
 * @param dialogue the chat or conversation
 * @param history  its last messages, oldest first; empty when it has none or none were asked for
 */
public record WithHistory<D>(D dialogue, List<Message> history) {

    public WithHistory {
        Checks.required(dialogue, "dialogue");
        history = List.copyOf(Checks.required(history, "history"));
    }
}
