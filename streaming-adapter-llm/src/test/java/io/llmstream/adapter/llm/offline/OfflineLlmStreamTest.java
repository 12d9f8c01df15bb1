package io.llmstream.adapter.llm.offline;

import static io.llmstream.adapter.llm.testing.TestProviders.drain;
import static io.llmstream.adapter.llm.testing.TestProviders.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.PromptMessage;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmStream;
import io.llmstream.testkit.Threads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OfflineLlmStreamTest {

    private static final String SYSTEM_WITH_PASSAGES = """
            Du bist ein Bibliothekar.

            Answer using the numbered passages below where they are relevant, and cite them by number like [1]. If they do not contain the answer, say so.

            [1] Die Stadtbibliothek öffnet montags um 9 Uhr.

            [2] Bücher können drei Wochen ausgeliehen werden.
            Eine Verlängerung ist online möglich.
            """;

    private static CompletionRequest request(String system) {
        return new CompletionRequest(Optional.empty(), Optional.empty(),
                List.of(new PromptMessage(MessageRole.SYSTEM, system), new PromptMessage(MessageRole.USER, "Wann?")),
                Map.of());
    }

    @Test
    void shouldQuoteTheNumberedPassagesVerbatimAndSayItIsNotALanguageModel() {
        List<LlmEvent> events = drain(new OfflineLlmStream(Duration.ZERO).open(request(SYSTEM_WITH_PASSAGES)));

        String answer = text(events);
        assertThat(answer).contains("not a language model")
                .contains("[1] Die Stadtbibliothek öffnet montags um 9 Uhr.")
                .contains("[2] Bücher können drei Wochen ausgeliehen werden.\nEine Verlängerung ist online möglich.")
                .contains("OPENAI_BASE_URL").contains("ANTHROPIC_API_KEY").contains("OLLAMA_BASE_URL");
        assertThat(events.getLast()).isEqualTo(new LlmEvent.Finished("stop", Optional.empty()));
        assertThat(events).as("streamed in many small deltas").hasSizeGreaterThan(20);
    }

    @Test
    void shouldSayThatNoModelIsConfiguredWhenThereAreNoPassages() {
        String answer = text(drain(new OfflineLlmStream(Duration.ZERO).open(request("Du bist hilfsbereit. 1. Sei nett."))));

        assertThat(answer).contains("no language model is configured").contains("OPENAI_API_KEY")
                .doesNotContain("[1]");
    }

    @Test
    void shouldUnblockAWaitingReaderWithCancelledWhenClosed() throws Exception {
        LlmStream.Completion completion = new OfflineLlmStream(Duration.ofSeconds(30)).open(request("x"));
        FutureTask<Throwable> reader = new FutureTask<>(() -> {
            try {
                completion.next();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Threads.awaitParked(Thread.ofPlatform().name("reader").start(reader), Duration.ofSeconds(5));

        completion.close();

        assertThat(reader.get(5, TimeUnit.SECONDS)).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(LlmException.Code.CANCELLED));
    }

    @Test
    void shouldRejectAnotherProviderName() {
        CompletionRequest other = new CompletionRequest(Optional.of("openai"), Optional.empty(),
                request("x").messages(), Map.of());

        assertThatThrownBy(() -> new OfflineLlmStream().open(other)).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(LlmException.Code.UNKNOWN_PROVIDER));
    }

    @Test
    void shouldSplitIntoPiecesThatConcatenateToTheText() {
        String text = "Grüße 🤖  aus\nBerlin, zwei  Wörter.";

        assertThat(String.join("", OfflineCompletion.split(text))).isEqualTo(text);
    }
}
