package io.llmstream.adapter.llm.offline;

import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The provider {@value #NAME}: the embedded default when no language model is configured. It says
 * plainly that it is not a language model; it quotes the numbered passages of the prompt's system
 * message when there are any, and otherwise explains how to configure a real provider. The answer is
 * streamed in small deltas with a short delay, so the whole streaming flow can be seen working.
 */
public final class OfflineLlmStream implements LlmStream {

    /** The provider name. */
    public static final String NAME = "offline";
    /** The model name completions report. */
    public static final String MODEL = "offline";

    private final Duration deltaDelay;

    /** Deltas every 15 ms. */
    public OfflineLlmStream() {
        this(Duration.ofMillis(15));
    }

    /** Deltas every {@code deltaDelay} (zero for none). */
    public OfflineLlmStream(Duration deltaDelay) {
        Objects.requireNonNull(deltaDelay, "deltaDelay");
        if (deltaDelay.isNegative()) {
            throw new IllegalArgumentException("deltaDelay must not be negative, was " + deltaDelay);
        }
        this.deltaDelay = deltaDelay;
    }

    @Override
    public Set<String> providers() {
        return Set.of(NAME);
    }

    @Override
    public Completion open(CompletionRequest request) {
        request.provider().filter(name -> !name.equals(NAME)).ifPresent(name -> {
            throw new LlmException(LlmException.Code.UNKNOWN_PROVIDER,
                    "unknown LLM provider '" + name + "', this client serves only '" + NAME + "'");
        });
        return new OfflineCompletion(OfflineAnswer.compose(request.messages()), deltaDelay);
    }
}
