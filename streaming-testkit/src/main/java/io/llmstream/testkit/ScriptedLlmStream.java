package io.llmstream.testkit;

import io.llmstream.core.model.CompletionRequest;
import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link LlmStream} that plays a script: deltas (each after an optional delay), then a finish, a
 * failure, or a stall until closed. Every completion it opens is recorded, with the request and
 * whether it was closed.
 *
 * <pre>{@code
 * ScriptedLlmStream llm = ScriptedLlmStream.thatStreams("KI", " steht", " für ...");
 * ScriptedLlmStream failing = ScriptedLlmStream.thatStreams("Hal").thenFails(LlmException.Code.UPSTREAM_ERROR, "overloaded");
 * ScriptedLlmStream silent = ScriptedLlmStream.thatStreams("Hi").thenStalls();
 * }</pre>
 */
public final class ScriptedLlmStream implements LlmStream {

    private enum Ending { FINISH, FAIL, STALL }

    private final List<String> deltas;
    private Duration delay = Duration.ZERO;
    private Ending ending = Ending.FINISH;
    private LlmException failure;
    private LlmException openFailure;
    private String finishReason = "stop";
    private Optional<TokenUsage> usage = Optional.of(new TokenUsage(12, 7));
    private Set<String> providers = Set.of("scripted");
    private String defaultModel = "scripted-model";
    private final List<ScriptedCompletion> completions = new CopyOnWriteArrayList<>();
    private java.util.concurrent.Semaphore gate;
    private final java.util.concurrent.atomic.AtomicInteger pulled = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Thread lastPuller;

    private ScriptedLlmStream(List<String> deltas) {
        this.deltas = List.copyOf(deltas);
    }

    /** Streams these deltas, then finishes with reason {@code stop} and usage 12/7. */
    public static ScriptedLlmStream thatStreams(String... deltas) {
        return new ScriptedLlmStream(List.of(deltas));
    }

    /** Fails when opened, before any delta (as a refused connection or an HTTP error would). */
    public static ScriptedLlmStream thatFailsToOpen(LlmException.Code code, String message) {
        ScriptedLlmStream stream = new ScriptedLlmStream(List.of());
        stream.openFailure = new LlmException(code, message);
        return stream;
    }

    /** Waits this long before each delta. */
    public ScriptedLlmStream withDelay(Duration perDelta) {
        this.delay = perDelta;
        return this;
    }

    /**
     * Hands out each delta (and the finish) only when the test has {@link #release released} it, so a test decides
     * exactly how far the answer has got; {@link #pulled()} says how many were taken.
     */
    public ScriptedLlmStream gated() {
        this.gate = new java.util.concurrent.Semaphore(0);
        return this;
    }

    /** Lets {@code events} more deltas (or the finish) through a {@link #gated()} stream. */
    public ScriptedLlmStream release(int events) {
        gate.release(events);
        return this;
    }

    /** How many deltas and finishes completions have taken so far. */
    public int pulled() {
        return pulled.get();
    }

    /** The thread that last took an event (the stream's generator), or {@code null} before the first. */
    public Thread lastPuller() {
        return lastPuller;
    }

    /** After the deltas, fails instead of finishing. */
    public ScriptedLlmStream thenFails(LlmException.Code code, String message) {
        this.ending = Ending.FAIL;
        this.failure = new LlmException(code, message);
        return this;
    }

    /** After the deltas, sends nothing more until closed. */
    public ScriptedLlmStream thenStalls() {
        this.ending = Ending.STALL;
        return this;
    }

    public ScriptedLlmStream finishing(String reason, Optional<TokenUsage> tokens) {
        this.finishReason = reason;
        this.usage = tokens;
        return this;
    }

    /** The provider names this stream claims; the first one is the default. */
    public ScriptedLlmStream withProviders(String... names) {
        this.providers = Set.of(names);
        return this;
    }

    /** Every completion opened so far, in order. */
    public List<ScriptedCompletion> completions() {
        return List.copyOf(completions);
    }

    /** The last completion opened; fails when none was. */
    public ScriptedCompletion lastCompletion() {
        if (completions.isEmpty()) {
            throw new IllegalStateException("no completion was opened");
        }
        return completions.get(completions.size() - 1);
    }

    @Override
    public Set<String> providers() {
        return providers;
    }

    @Override
    public Completion open(CompletionRequest request) {
        if (request.provider().isPresent() && !providers.contains(request.provider().get())) {
            throw new LlmException(LlmException.Code.UNKNOWN_PROVIDER, "unknown provider '" + request.provider().get() + "'");
        }
        if (openFailure != null) {
            throw openFailure;
        }
        ScriptedCompletion completion = new ScriptedCompletion(request,
                request.provider().orElse(providers.iterator().next()), request.model().orElse(defaultModel));
        completions.add(completion);
        return completion;
    }

    /** One completion of the script. */
    public final class ScriptedCompletion implements Completion {

        private final CompletionRequest request;
        private final String provider;
        private final String model;
        private final CountDownLatch closed = new CountDownLatch(1);
        private final List<LlmEvent> yielded = new ArrayList<>();
        private int position;
        private boolean finished;

        private ScriptedCompletion(CompletionRequest request, String provider, String model) {
            this.request = request;
            this.provider = provider;
            this.model = model;
        }

        public CompletionRequest request() {
            return request;
        }

        public boolean isClosed() {
            return closed.getCount() == 0;
        }

        /** Waits until the completion is closed; true when it was within the timeout. */
        public boolean awaitClosed(Duration timeout) throws InterruptedException {
            return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public String provider() {
            return provider;
        }

        @Override
        public String model() {
            return model;
        }

        @Override
        public LlmEvent next() {
            if (finished) {
                throw new IllegalStateException("the completion already finished");
            }
            if (gate != null && (position < deltas.size() || ending == Ending.FINISH)) {
                awaitGate();
            }
            if (position < deltas.size()) {
                pause(delay);
                return emit(new LlmEvent.TextDelta(deltas.get(position++)));
            }
            switch (ending) {
                case FINISH -> {
                    finished = true;
                    return emit(new LlmEvent.Finished(finishReason, usage));
                }
                case FAIL -> throw failure;
                case STALL -> {
                    pause(Duration.ofDays(1));
                    throw cancelled();
                }
            }
            throw new IllegalStateException("unreachable");
        }

        private void awaitGate() {
            try {
                while (!gate.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    if (isClosed()) {
                        throw cancelled();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmException(LlmException.Code.CANCELLED, "interrupted", e);
            }
        }

        private LlmEvent emit(LlmEvent event) {
            if (isClosed()) {
                throw cancelled();
            }
            lastPuller = Thread.currentThread();
            pulled.incrementAndGet();
            yielded.add(event);
            return event;
        }

        private void pause(Duration duration) {
            if (duration.isZero()) {
                return;
            }
            try {
                if (closed.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw cancelled();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmException(LlmException.Code.CANCELLED, "interrupted", e);
            }
        }

        private LlmException cancelled() {
            return new LlmException(LlmException.Code.CANCELLED, "the completion was closed");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
