package io.llmstream.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.PromptMessage;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LlmStream} must do. Extend it in the adapter's tests and provide streams backed by
 * the real wire format (a local server writing the provider's bytes).
 */
public abstract class LlmStreamContract {

    /** A stream whose upstream answers with exactly these text deltas, then ends normally. */
    protected abstract LlmStream streamAnswering(List<String> deltas);

    /** A stream whose upstream sends {@code firstDelta} and then reports an error inside the stream. */
    protected abstract LlmStream streamFailingAfter(String firstDelta);

    /** A stream whose upstream sends {@code firstDelta} and then nothing at all, keeping the connection open. */
    protected abstract LlmStream streamStallingAfter(String firstDelta);

    protected CompletionRequest request(LlmStream stream) {
        return new CompletionRequest(Optional.empty(), Optional.empty(),
                List.of(new PromptMessage(MessageRole.USER, "Was ist KI?")), Map.of());
    }

    @Test
    void shouldYieldTheDeltasInOrderThenFinish() {
        LlmStream stream = streamAnswering(List.of("KI", " steht für", " Künstliche Intelligenz 🤖."));
        List<String> texts = new ArrayList<>();
        LlmEvent last;
        try (LlmStream.Completion completion = stream.open(request(stream))) {
            do {
                last = completion.next();
                if (last instanceof LlmEvent.TextDelta delta) {
                    texts.add(delta.text());
                }
            } while (!(last instanceof LlmEvent.Finished));
            assertThatThrownBy(completion::next).isInstanceOf(IllegalStateException.class);
        }
        assertThat(String.join("", texts)).isEqualTo("KI steht für Künstliche Intelligenz 🤖.");
        assertThat(((LlmEvent.Finished) last).finishReason()).isNotBlank();
    }

    @Test
    void shouldNameTheProviderAndModelUsed() {
        LlmStream stream = streamAnswering(List.of("ok"));
        try (LlmStream.Completion completion = stream.open(request(stream))) {
            assertThat(completion.provider()).isNotBlank();
            assertThat(stream.providers()).contains(completion.provider());
            assertThat(completion.model()).isNotBlank();
        }
    }

    @Test
    void shouldFailWithAnLlmExceptionAfterTheFirstDeltaWhenTheUpstreamReportsAnError() {
        LlmStream stream = streamFailingAfter("Hal");
        try (LlmStream.Completion completion = stream.open(request(stream))) {
            assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta("Hal"));
            assertThatThrownBy(() -> drain(completion)).isInstanceOf(LlmException.class)
                    .satisfies(e -> assertThat(((LlmException) e).code()).isNotEqualTo(LlmException.Code.CANCELLED));
        }
    }

    @Test
    void shouldUnblockAReaderWithCancelledWhenClosedFromAnotherThread() throws Exception {
        LlmStream stream = streamStallingAfter("Hi");
        LlmStream.Completion completion = stream.open(request(stream));
        assertThat(completion.next()).isEqualTo(new LlmEvent.TextDelta("Hi"));
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                completion.next();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(100); // let the reader block
        completion.close();
        Throwable thrown = reader.get(5, TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOf(LlmException.class);
        assertThat(((LlmException) thrown).code()).isEqualTo(LlmException.Code.CANCELLED);
    }

    @Test
    void shouldReportCancelledWhenReadAfterBeingClosedTwice() {
        LlmStream stream = streamAnswering(List.of("a", "b"));
        LlmStream.Completion completion = stream.open(request(stream));
        completion.close();
        completion.close();
        assertThatThrownBy(completion::next).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(LlmException.Code.CANCELLED));
    }

    @Test
    void shouldRejectAnUnknownProviderBeforeStreaming() {
        LlmStream stream = streamAnswering(List.of("a"));
        CompletionRequest unknown = new CompletionRequest(Optional.of("no-such-provider-xyz"), Optional.empty(),
                request(stream).messages(), Map.of());
        assertThat(stream.providers()).doesNotContain("no-such-provider-xyz");
        assertThatThrownBy(() -> stream.open(unknown).close()).isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).code()).isEqualTo(LlmException.Code.UNKNOWN_PROVIDER));
    }

    private static void drain(LlmStream.Completion completion) {
        LlmEvent event;
        do {
            event = completion.next();
        } while (!(event instanceof LlmEvent.Finished));
    }
}
