package io.llmstream.core.internal;

import io.llmstream.core.model.Citation;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.PromptMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Builds the prompt: the system prompt with the retrieved passages numbered [1], [2], ... so the model
 * can cite them, then as much recent history as fits the budget (newest kept first), then the new
 * message.
 */
public final class PromptBuilder {

    static final String PASSAGES_HEADER = "Answer using the numbered passages below where they are relevant, "
            + "and cite them by number like [1]. If they do not contain the answer, say so.";

    private final int historyMaxMessages;
    private final int historyMaxChars;

    public PromptBuilder(int historyMaxMessages, int historyMaxChars) {
        this.historyMaxMessages = historyMaxMessages;
        this.historyMaxChars = historyMaxChars;
    }

    public List<PromptMessage> build(String systemPrompt, List<Citation> passages, List<Message> history, String message) {
        List<PromptMessage> prompt = new ArrayList<>();
        String system = system(systemPrompt, passages);
        if (!system.isEmpty()) {
            prompt.add(new PromptMessage(MessageRole.SYSTEM, system));
        }
        prompt.addAll(history(history));
        prompt.add(new PromptMessage(MessageRole.USER, message));
        return prompt;
    }

    private static String system(String systemPrompt, List<Citation> passages) {
        StringBuilder system = new StringBuilder(systemPrompt.strip());
        if (!passages.isEmpty()) {
            if (!system.isEmpty()) {
                system.append("\n\n");
            }
            system.append(PASSAGES_HEADER).append('\n');
            for (int i = 0; i < passages.size(); i++) {
                system.append('\n').append('[').append(i + 1).append("] ").append(passages.get(i).content().strip()).append('\n');
            }
        }
        return system.toString();
    }

    private Deque<PromptMessage> history(List<Message> history) {
        Deque<PromptMessage> kept = new ArrayDeque<>();
        int chars = 0;
        for (int i = history.size() - 1; i >= 0 && kept.size() < historyMaxMessages; i--) {
            Message message = history.get(i);
            if (message.role() == MessageRole.SYSTEM || message.content().isBlank()) {
                continue;
            }
            chars += message.content().length();
            if (chars > historyMaxChars) {
                break;
            }
            kept.addFirst(new PromptMessage(message.role(), message.content()));
        }
        // providers such as Anthropic require the conversation to start with a user turn
        while (!kept.isEmpty() && kept.peekFirst().role() != MessageRole.USER) {
            kept.removeFirst();
        }
        return kept;
    }
}
