package io.llmstream.adapter.llm.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.llm.testing.DecodeOutcome;
import io.llmstream.adapter.llm.testing.Fixtures;
import io.llmstream.adapter.llm.testing.SplitInvariant;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.LlmException.Code;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OllamaEventDecoderTest {

    private static DecodeOutcome decodeEverySplit(String fixture) {
        return SplitInvariant.assertHolds(() -> new OllamaEventDecoder("ollama", 1 << 20), Fixtures.bytes("ollama/" + fixture));
    }

    @Test
    void shouldMapContentDoneReasonAndTokenCounts() {
        DecodeOutcome outcome = decodeEverySplit("basic.ndjson");

        assertThat(outcome.text()).isEqualTo("Der Himmel ist blau, weil Licht gestreut wird 🌤.");
        assertThat(outcome.finished()).contains(new LlmEvent.Finished("stop", Optional.of(new TokenUsage(26, 282))));
    }

    @Test
    void shouldKeepThinkingApartFromTheAnswer() {
        DecodeOutcome outcome = decodeEverySplit("thinking.ndjson");

        assertThat(outcome.reasoning()).isEqualTo("Let me thinkabout 17*3.");
        assertThat(outcome.text()).isEqualTo("17 × 3 = 51");
        assertThat(outcome.finished()).contains(new LlmEvent.Finished("stop", Optional.of(new TokenUsage(18, 64))));
    }

    @Test
    void shouldFailWithUpstreamErrorOnAnErrorLine() {
        DecodeOutcome outcome = decodeEverySplit("error.ndjson");

        assertThat(outcome.text()).isEqualTo("Es war");
        assertThat(outcome.failure()).contains(Code.UPSTREAM_ERROR);
    }

    @Test
    void shouldFailAsTruncatedWhenTheStreamEndsInsideALine() {
        DecodeOutcome outcome = decodeEverySplit("truncated.ndjson");

        assertThat(outcome.text()).isEqualTo("Es war");
        assertThat(outcome.failure()).contains(Code.TRUNCATED);
    }
}
