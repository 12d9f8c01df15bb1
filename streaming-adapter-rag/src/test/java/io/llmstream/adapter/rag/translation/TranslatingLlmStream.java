package io.llmstream.adapter.rag.translation;

import io.llmstream.adapter.rag.language.TextLanguage;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.PromptMessage;
import io.llmstream.core.port.LlmStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted LLM that translates: it answers the translation prompt with the lines a real model would, from
 * a table of prepared translations (question -> language -> text); a question it does not know is answered
 * with nothing usable, as a confused model would.
 */
public final class TranslatingLlmStream implements LlmStream {

    private final Map<String, Map<TextLanguage, String>> table = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();

    public TranslatingLlmStream translating(String question, TextLanguage language, String translation) {
        table.computeIfAbsent(question, q -> new ConcurrentHashMap<>()).put(language, translation);
        return this;
    }

    /** Completions opened so far. */
    public int completions() {
        return opened.get();
    }

    @Override
    public Set<String> providers() {
        return Set.of("translating");
    }

    @Override
    public Completion open(CompletionRequest request) {
        opened.incrementAndGet();
        String system = request.messages().stream().filter(m -> m.role() == MessageRole.SYSTEM)
                .map(PromptMessage::content).findFirst().orElseThrow();
        String question = request.messages().getLast().content();
        StringBuilder answer = new StringBuilder();
        table.getOrDefault(question, Map.of()).forEach((language, text) -> {
            if (system.contains("(" + language.code() + ")")) {
                answer.append(language.code()).append(": ").append(text).append('\n');
            }
        });
        Deque<LlmEvent> events = new ArrayDeque<>();
        events.add(new LlmEvent.TextDelta(answer.isEmpty() ? "I cannot translate this." : answer.toString()));
        events.add(new LlmEvent.Finished("stop", Optional.empty()));
        return new Completion() {
            @Override
            public String provider() {
                return "translating";
            }

            @Override
            public String model() {
                return "table";
            }

            @Override
            public LlmEvent next() {
                LlmEvent event = events.poll();
                if (event == null) {
                    throw new IllegalStateException("the completion has finished");
                }
                return event;
            }

            @Override
            public void close() {
                events.clear();
            }
        };
    }
}
