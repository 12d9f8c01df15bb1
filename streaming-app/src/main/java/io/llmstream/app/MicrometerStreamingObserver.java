package io.llmstream.app;

import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.port.StreamingObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Turns what the core reports into Micrometer meters (names in docs/operations.md). */
final class MicrometerStreamingObserver implements StreamingObserver {

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger queueDepth = new AtomicInteger();
    private final Counter chunks;
    private final DistributionSummary chunkChars;
    private final Counter retrievalFailures;
    private final Counter writeFailures;
    private final Counter writeDrops;

    MicrometerStreamingObserver(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("llmstream.streams.active", active);
        registry.gauge("llmstream.persistence.queue.depth", queueDepth);
        this.chunks = Counter.builder("llmstream.chunks.sent").description("chunk events sent").register(registry);
        this.chunkChars = DistributionSummary.builder("llmstream.chunk.characters").description("characters per chunk event")
                .register(registry);
        this.retrievalFailures = Counter.builder("llmstream.retrieval.failures").register(registry);
        this.writeFailures = Counter.builder("llmstream.persistence.write.failures")
                .description("failed write attempts (each retry counts)").register(registry);
        this.writeDrops = Counter.builder("llmstream.persistence.write.dropped")
                .description("messages given up on: queue full, retries exhausted or shutdown").register(registry);
    }

    @Override
    public void streamStarted(DialogueKind kind) {
        active.incrementAndGet();
        registry.counter("llmstream.streams.started", "kind", tag(kind)).increment();
    }

    @Override
    public void firstChunk(DialogueKind kind, Duration sinceStart) {
        Timer.builder("llmstream.stream.first.chunk").description("time from stream start to the first chunk event")
                .tag("kind", tag(kind)).publishPercentiles(0.5, 0.95, 0.99).register(registry).record(sinceStart);
    }

    @Override
    public void chunkSent(int characters) {
        chunks.increment();
        chunkChars.record(characters);
    }

    @Override
    public void streamEnded(DialogueKind kind, Ending ending, Optional<String> code) {
        active.decrementAndGet();
        registry.counter("llmstream.streams.ended", "kind", tag(kind), "ending", ending.name().toLowerCase(Locale.ROOT),
                "code", code.orElse("none")).increment();
    }

    @Override
    public void upstreamError(String code) {
        registry.counter("llmstream.upstream.errors", "code", code).increment();
    }

    @Override
    public void retrievalFailed() {
        retrievalFailures.increment();
    }

    @Override
    public void writeFailed() {
        writeFailures.increment();
    }

    @Override
    public void writeDropped() {
        writeDrops.increment();
    }

    @Override
    public void writeQueueDepth(int depth) {
        queueDepth.set(depth);
    }

    private static String tag(DialogueKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
