package io.llmstream.core.internal;

import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmStream;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the events of a completion, either directly (blocking) or with a time limit per read, which the
 * chunk coalescer's max delay needs. The timed variant reads on its own virtual thread and hands
 * events over through a queue, so the streaming thread can wake up to flush a partly filled chunk
 * while the upstream is silent.
 */
public sealed interface DeltaSource {

    /**
     * The next event, or empty when none arrived within {@code timeoutNanos} ({@code < 0}: wait forever).
     *
     * @throws RuntimeException what the completion threw
     */
    Optional<LlmEvent> poll(long timeoutNanos) throws InterruptedException;

    static DeltaSource direct(LlmStream.Completion completion) {
        return new Direct(completion);
    }

    static DeltaSource pumped(LlmStream.Completion completion, String name) {
        Pumped pumped = new Pumped(completion);
        Thread.ofVirtual().name(name).start(pumped::pump);
        return pumped;
    }

    /** Reads on the caller's thread; timeouts are ignored because nothing waits to be flushed. */
    record Direct(LlmStream.Completion completion) implements DeltaSource {
        @Override
        public Optional<LlmEvent> poll(long timeoutNanos) {
            return Optional.of(completion.next());
        }
    }

    /** Reads ahead on a virtual thread until {@link LlmEvent.Finished} or a failure. */
    final class Pumped implements DeltaSource {

        private final LlmStream.Completion completion;
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        private Pumped(LlmStream.Completion completion) {
            this.completion = completion;
        }

        private void pump() {
            try {
                LlmEvent event;
                do {
                    event = completion.next();
                    queue.add(event);
                } while (!(event instanceof LlmEvent.Finished));
            } catch (RuntimeException failure) {
                queue.add(failure);
            }
        }

        @Override
        public Optional<LlmEvent> poll(long timeoutNanos) throws InterruptedException {
            Object item = timeoutNanos < 0 ? queue.take() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            if (item instanceof RuntimeException failure) {
                throw failure;
            }
            return Optional.ofNullable((LlmEvent) item); // null: the wait ran out
        }
    }
}
