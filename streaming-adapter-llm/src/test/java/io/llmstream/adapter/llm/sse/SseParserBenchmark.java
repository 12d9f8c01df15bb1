package io.llmstream.adapter.llm.sse;

import io.llmstream.adapter.llm.testing.BenchmarkStreams;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SSE parse throughput over a realistic 1 MiB OpenAI stream fed in reads of {@code readSize} bytes.
 * One operation parses the whole stream; MB/s = ops/s x stream size, allocation per event =
 * {@code gc.alloc.rate.norm} / events. Run: see docs/benchmarks.md (not part of the test run).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SseParserBenchmark {

    @Param({"8192", "64"})
    public int readSize;

    private byte[] stream;

    @Setup
    public void setUp() {
        stream = BenchmarkStreams.openAi(1 << 20);
        int[] events = new int[1];
        SseParser parser = new SseParser(1 << 20);
        parser.feed(stream, 0, stream.length, event -> events[0]++);
        System.out.println("stream: " + stream.length + " bytes, " + events[0] + " events");
    }

    @Benchmark
    public void parse(Blackhole blackhole) {
        SseParser parser = new SseParser(1 << 20);
        for (int offset = 0; offset < stream.length; offset += readSize) {
            parser.feed(stream, offset, Math.min(readSize, stream.length - offset), blackhole::consume);
        }
        parser.end();
    }
}
