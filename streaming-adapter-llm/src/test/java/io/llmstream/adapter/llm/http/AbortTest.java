package io.llmstream.adapter.llm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AbortTest {

    private final AtomicInteger releases = new AtomicInteger();
    private final Abort abort = new Abort("openai", releases::incrementAndGet);

    @Test
    void shouldKeepTheFirstReasonAndReleaseTheExchangeOnce() {
        LlmException first = abort.fire(new LlmException(Code.TIMEOUT, "idle timeout of 30 s fired"));
        LlmException second = abort.fire(new LlmException(Code.CANCELLED, "closed by the caller"));

        assertThat(first.code()).isEqualTo(Code.TIMEOUT);
        assertThat(second.code()).isEqualTo(Code.TIMEOUT);
        assertThat(releases).hasValue(1);
        assertThatThrownBy(abort::throwIfFired).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e).hasMessage("idle timeout of 30 s fired").isNotSameAs(first));
    }

    @Test
    void shouldNeitherThrowNorReleaseBeforeItFires() {
        assertThatCode(abort::throwIfFired).doesNotThrowAnyException();
        assertThat(abort.fired()).isFalse();
        assertThat(releases).hasValue(0);
    }

    @Test
    void shouldEndAPauseWithTheReasonAsSoonAsItFires() throws Exception {
        CompletableFuture<Void> paused = CompletableFuture.runAsync(() -> abort.pause(Duration.ofMinutes(10)));

        abort.fire(new LlmException(Code.CANCELLED, "closed by the caller"));

        assertThatThrownBy(() -> paused.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.code()).isEqualTo(Code.CANCELLED));
    }

    @Test
    void shouldWaitTheWholePauseWhenNothingFires() {
        long start = System.nanoTime();

        abort.pause(Duration.ofMillis(50));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void shouldCancelAndKeepTheInterruptFlagWhenInterruptedDuringAPause() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> abort.pause(Duration.ofMinutes(10))).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.code()).isEqualTo(Code.CANCELLED);
            assertThat(e).hasMessage("the thread reading openai was interrupted");
        });
        assertThat(Thread.interrupted()).isTrue();
        assertThat(releases).hasValue(1);
    }
}
