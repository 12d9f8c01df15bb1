package io.llmstream.core.usecase;

import io.llmstream.core.port.in.ConversationMessageCommand;
import io.llmstream.core.port.in.StreamOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.StreamEvent;
import io.llmstream.testkit.RecordingEventSink;
import io.llmstream.testkit.ScriptedLlmStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChunkingTest {

    private static List<String> chunks(RecordingEventSink sink) {
        return sink.events().stream().filter(StreamEvent.Chunk.class::isInstance)
                .map(e -> ((StreamEvent.Chunk) e).content()).toList();
    }

    private static ConversationMessageCommand ask(CoreFixture f) {
        return ConversationMessageCommand.of(CoreFixture.OWNER, f.conversation.id(), "Hallo");
    }

    @Test
    void shouldPassDeltasThroughAsTheyComeWithChunkSizeOne() {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("K", "I ", "steht"),
                StreamingSettings.defaults().withChunkSize(1))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamConversationMessage().execute(ask(f), sink);

            assertThat(chunks(sink)).containsExactly("K", "I ", "steht");
        }
    }

    @Test
    void shouldCoalesceDeltasIntoChunksOfAtLeastTheChunkSizeAndFlushTheRestAtTheEnd() {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("a", "b", "c", "d", "e", "f", "g"),
                StreamingSettings.defaults().withChunkSize(3).withMaxChunkDelay(Duration.ofSeconds(10)))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamConversationMessage().execute(ask(f), sink);

            assertThat(chunks(sink)).containsExactly("abc", "def", "g");
            assertThat(((StreamEvent.Done) sink.events().get(sink.events().size() - 1)).content()).isEqualTo("abcdefg");
        }
    }

    @Test
    void shouldFlushAPartlyFilledChunkAfterTheMaxDelayWhileTheUpstreamIsSilent() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Hal", "lo").thenStalls(),
                StreamingSettings.defaults().withChunkSize(100).withMaxChunkDelay(Duration.ofMillis(20)).withDetachGrace(Duration.ZERO))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();
            CompletableFuture<StreamOutcome> running = CompletableFuture.supplyAsync(
                    () -> f.core.streamConversationMessage().execute(ask(f), sink));

            // only the max delay can release text here: the chunk is far from full and the upstream never ends
            StreamConversationMessageTest.awaitEvents(sink, 1);
            sink.leave();
            running.get(5, TimeUnit.SECONDS);

            assertThat(String.join("", chunks(sink))).isEqualTo("Hallo");
        }
    }

    @Test
    void shouldNeverSplitASurrogatePairAcrossChunks() {
        // the emoji's two UTF-16 halves arrive in separate deltas
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Hi \uD83D", "\uDE00 and \uD83E", "\uDD16"),
                StreamingSettings.defaults().withChunkSize(1))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamConversationMessage().execute(ask(f), sink);

            assertThat(chunks(sink)).allSatisfy(chunk -> {
                assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).as("ends with a high surrogate: " + chunk).isFalse();
                assertThat(Character.isLowSurrogate(chunk.charAt(0))).as("starts with a low surrogate: " + chunk).isFalse();
            });
            assertThat(String.join("", chunks(sink))).isEqualTo("Hi 😀 and 🤖");
        }
    }
}
