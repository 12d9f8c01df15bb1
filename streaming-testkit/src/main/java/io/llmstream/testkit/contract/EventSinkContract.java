package io.llmstream.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.StreamStatus;
import io.llmstream.core.port.EventSink;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventSink} must do. Extend it with a sink connected to a client the test controls.
 */
public abstract class EventSinkContract {

    /** A sink connected to a client that is there. */
    protected abstract EventSink openSink();

    /** The events the client behind {@code sink} has received so far, in order (waiting briefly if delivery is asynchronous). */
    protected abstract List<StreamEvent> receivedBy(EventSink sink, int expected);

    /** Makes the client behind {@code sink} leave, and waits until the sink can know it (e.g. a write failed). */
    protected abstract void clientLeaves(EventSink sink);

    private final DialogueRef dialogue = DialogueRef.conversation(UUID.randomUUID());

    @Test
    void shouldDeliverEventsInOrder() {
        EventSink sink = openSink();
        List<StreamEvent> events = List.of(new StreamEvent.Chunk(1, dialogue, "KI"),
                new StreamEvent.Chunk(2, dialogue, " steht"),
                new StreamEvent.Done(3, dialogue, "KI steht", List.of(), List.of(), UUID.randomUUID(), Optional.empty(), "p", "m",
                        UUID.randomUUID(), StreamStatus.COMPLETE, Optional.empty()));

        for (StreamEvent event : events) {
            assertThat(sink.send(event)).isTrue();
        }

        assertThat(receivedBy(sink, 3)).containsExactlyElementsOf(events);
        assertThat(sink.isOpen()).isTrue();
    }

    @Test
    void shouldDeliverAnOfferedEventItTookExactlyLikeASentOneAndTakeNoOfferOnceTheClientLeft() {
        EventSink sink = openSink();
        sink.onClose(() -> { });
        StreamEvent first = new StreamEvent.Chunk(1, dialogue, "KI");
        StreamEvent second = new StreamEvent.Chunk(2, dialogue, " steht");
        assertThat(sink.send(first)).isTrue();
        if (!sink.offer(second)) {
            assertThat(sink.send(second)).isTrue(); // what the core does with a refused offer
        }

        assertThat(receivedBy(sink, 2)).containsExactly(first, second);
        clientLeaves(sink);
        assertThat(sink.offer(new StreamEvent.Chunk(3, dialogue, "lost"))).isFalse();
    }

    @Test
    void shouldStayFailedAndRunCloseCallbacksOnceWhenTheClientLeaves() {
        EventSink sink = openSink();
        AtomicInteger closes = new AtomicInteger();
        sink.onClose(closes::incrementAndGet);

        clientLeaves(sink);
        boolean first = sink.send(new StreamEvent.Chunk(1, dialogue, "lost"));
        boolean second = sink.send(new StreamEvent.Chunk(2, dialogue, "lost too"));

        assertThat(first || second).isFalse();
        assertThat(sink.isOpen()).isFalse();
        assertThat(closes).hasValue(1);
    }

    @Test
    void shouldRunACallbackRegisteredAfterTheClientLeftAtOnce() {
        EventSink sink = openSink();
        clientLeaves(sink);
        sink.send(new StreamEvent.Chunk(1, dialogue, "lost"));
        AtomicInteger closes = new AtomicInteger();

        sink.onClose(closes::incrementAndGet);

        assertThat(closes).hasValue(1);
    }
}
