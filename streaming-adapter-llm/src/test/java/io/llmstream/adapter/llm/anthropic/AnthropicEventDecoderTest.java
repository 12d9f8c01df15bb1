package io.llmstream.adapter.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.llm.testing.DecodeOutcome;
import io.llmstream.adapter.llm.testing.Fixtures;
import io.llmstream.adapter.llm.testing.SplitInvariant;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.LlmException.Code;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnthropicEventDecoderTest {

    private static DecodeOutcome decodeEverySplit(String fixture) {
        return SplitInvariant.assertHolds(() -> new AnthropicEventDecoder("anthropic", 1 << 20),
                Fixtures.bytes("anthropic/" + fixture));
    }

    @Test
    void shouldMapTextDeltasStopReasonAndUsage() {
        DecodeOutcome outcome = decodeEverySplit("basic.sse");

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.text()).isEqualTo("Hallo! Wie kann ich dir helfen? 😊");
        assertThat(outcome.finished()).contains(new LlmEvent.Finished("end_turn", Optional.of(new TokenUsage(25, 15))));
    }

    @Test
    void shouldKeepThinkingApartAndIgnoreToolUseAndSignatureBlocks() {
        DecodeOutcome outcome = decodeEverySplit("thinking-tool-use.sse");

        assertThat(outcome.reasoning()).isEqualTo("I need to find the weather in San Francisco.");
        assertThat(outcome.text()).isEqualTo("Okay, let's check the weather for San Francisco, CA:");
        assertThat(outcome.finished()).contains(new LlmEvent.Finished("tool_use", Optional.of(new TokenUsage(472, 89))));
    }

    @Test
    void shouldFailWithUpstreamErrorOnAnOverloadedErrorEvent() {
        DecodeOutcome outcome = decodeEverySplit("overloaded-error.sse");

        assertThat(outcome.text()).isEqualTo("Ein");
        assertThat(outcome.failure()).contains(Code.UPSTREAM_ERROR);
    }

    @Test
    void shouldFailAsTruncatedWithoutMessageStop() {
        DecodeOutcome outcome = decodeEverySplit("truncated.sse");

        assertThat(outcome.text()).isEqualTo("Halb");
        assertThat(outcome.failure()).contains(Code.TRUNCATED);
    }
}
