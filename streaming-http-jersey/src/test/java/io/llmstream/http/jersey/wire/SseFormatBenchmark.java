package io.llmstream.http.jersey.wire;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.StreamEvent;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The bytes of one chunk event, the SSE write path's per-event work (a sink's {@link SseFormat.Frames}): one operation frames one chunk of a
 * token-sized ({@code "token"}: " Hallo") or a coalesced sentence-sized text with a quote and a line break
 * ({@code "sentence"}). Allocation per event = {@code gc.alloc.rate.norm}. Run: see docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SseFormatBenchmark {

    @Param({"token", "sentence"})
    public String text;

    private final SseFormat.Frames frames = new SseFormat.Frames(); // one per SSE sink, as in JerseySseEventSink
    private StreamEvent.Chunk chunk;

    @Setup
    public void setUp() {
        String content = text.equals("token") ? " Hallo" : "Das ist ein \"ganzer\" Satz,\nder gleich weitergeht. ";
        chunk = new StreamEvent.Chunk(1234, DialogueRef.chat(UUID.randomUUID()), content);
    }

    @Benchmark
    public byte[] chunk() {
        return frames.event(chunk);
    }
}
