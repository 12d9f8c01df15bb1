package io.llmstream.adapter.llm.testing;

import io.llmstream.adapter.llm.config.LlmTimeouts;
import io.llmstream.adapter.llm.config.ProviderConfig;
import io.llmstream.adapter.llm.config.ProviderKind;
import io.llmstream.adapter.llm.config.RetryPolicy;
import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.PromptMessage;
import io.llmstream.core.port.LlmStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Provider configurations with test-sized limits, and small helpers to drive a completion. */
public final class TestProviders {

    public static final String API_KEY = "sk-test-5ecr3tK3yThatMustNeverLeak";
    /** Tiny back-offs keep retry tests fast. */
    public static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20),
            Duration.ofSeconds(5));
    public static final LlmTimeouts TEST_TIMEOUTS = new LlmTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(20));

    private TestProviders() {
    }

    public static ProviderConfig config(String name, ProviderKind kind, URI baseUrl) {
        return new ProviderConfig(name, kind, baseUrl, Optional.of(API_KEY), "test-model", TEST_TIMEOUTS, FAST_RETRY,
                ProviderConfig.DEFAULT_MAX_LINE_BYTES, Map.of());
    }

    public static CompletionRequest request() {
        return request(Map.of());
    }

    public static CompletionRequest request(Map<String, String> parameters) {
        return new CompletionRequest(Optional.empty(), Optional.empty(),
                List.of(new PromptMessage(MessageRole.SYSTEM, "Du bist hilfsbereit."),
                        new PromptMessage(MessageRole.USER, "Was ist KI?")), parameters);
    }

    /** Pulls events until the end, returning all of them (the last is the Finished). */
    public static List<LlmEvent> drain(LlmStream.Completion completion) {
        List<LlmEvent> events = new ArrayList<>();
        LlmEvent event;
        do {
            event = completion.next();
            events.add(event);
        } while (!(event instanceof LlmEvent.Finished));
        return events;
    }

    /** The text deltas joined. */
    public static String text(List<LlmEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(event -> {
            if (event instanceof LlmEvent.TextDelta delta) {
                text.append(delta.text());
            }
        });
        return text.toString();
    }
}
