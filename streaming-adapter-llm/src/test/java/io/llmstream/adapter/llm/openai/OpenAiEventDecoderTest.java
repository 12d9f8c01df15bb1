package io.llmstream.adapter.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.llm.testing.DecodeOutcome;
import io.llmstream.adapter.llm.testing.Fixtures;
import io.llmstream.adapter.llm.testing.SplitInvariant;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.LlmException.Code;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiEventDecoderTest {

    private static DecodeOutcome decodeEverySplit(String fixture) {
        return SplitInvariant.assertHolds(() -> new OpenAiEventDecoder("openai", 1 << 20), Fixtures.bytes("openai/" + fixture));
    }

    @Test
    void shouldMapDeltasFinishReasonAndTheUsageChunkOfAnOpenAiStream() {
        DecodeOutcome outcome = decodeEverySplit("basic.sse");

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.text()).isEqualTo("KI steht für Künstliche Intelligenz 🤖: Systeme, die lernen.");
        assertThat(outcome.events()).hasSize(12);
        assertThat(outcome.finished()).contains(new LlmEvent.Finished("stop", Optional.of(new TokenUsage(19, 11))));
    }

    @Test
    void shouldSkipOpenRouterCommentsAndAcceptAUsageChunkWithNullChoices() {
        DecodeOutcome outcome = decodeEverySplit("openrouter-comments-crlf.sse");

        assertThat(outcome.text()).isEqualTo("Hallo Welt!");
        assertThat(outcome.finished()).contains(new LlmEvent.Finished("stop", Optional.of(new TokenUsage(8, 3))));
    }

    @Test
    void shouldKeepReasoningContentApartFromTheAnswer() {
        DecodeOutcome outcome = decodeEverySplit("vllm-reasoning.sse");

        assertThat(outcome.reasoning()).isEqualTo("Okay, the user asks 2+2.");
        assertThat(outcome.text()).isEqualTo("2 + 2 = 4.");
        assertThat(outcome.finished()).contains(new LlmEvent.Finished("stop", Optional.of(new TokenUsage(12, 40))));
    }

    @Test
    void shouldFailWithUpstreamErrorWhenAnErrorObjectArrivesInsideTheStream() {
        DecodeOutcome outcome = decodeEverySplit("in-stream-error.sse");

        assertThat(outcome.text()).isEqualTo("Die Antwort");
        assertThat(outcome.failure()).contains(Code.UPSTREAM_ERROR);
    }

    @Test
    void shouldFinishWithTheFinishReasonWhenAServerOmitsDone() {
        DecodeOutcome outcome = decodeEverySplit("llamacpp-length-no-done-bom-cr.sse");

        assertThat(outcome.text()).isEqualTo("Es war einmal");
        assertThat(outcome.finished()).contains(new LlmEvent.Finished("length", Optional.empty()));
    }

    @Test
    void shouldFailAsTruncatedWhenTheStreamEndsWithoutDoneOrFinishReason() {
        DecodeOutcome outcome = decodeEverySplit("truncated.sse");

        assertThat(outcome.text()).isEqualTo("Das ist abgeschn");
        assertThat(outcome.failure()).contains(Code.TRUNCATED);
    }

    @Test
    void shouldFailAsMalformedWhenAnEventIsNotJson() {
        byte[] body = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: <html>\n\n".getBytes(StandardCharsets.UTF_8);

        DecodeOutcome outcome = SplitInvariant.assertHolds(() -> new OpenAiEventDecoder("openai", 1024), body);

        assertThat(outcome.text()).isEqualTo("a");
        assertThat(outcome.failure()).contains(Code.MALFORMED_STREAM);
    }

    @Test
    void shouldReportAnUnknownFinishReasonWhenDoneCameWithoutOne() {
        byte[] body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: [DONE]\n\n"
                .getBytes(StandardCharsets.UTF_8);

        DecodeOutcome outcome = DecodeOutcome.decode(new OpenAiEventDecoder("openai", 1024), body);

        assertThat(outcome.finished()).contains(new LlmEvent.Finished("unknown", Optional.empty()));
    }
}
