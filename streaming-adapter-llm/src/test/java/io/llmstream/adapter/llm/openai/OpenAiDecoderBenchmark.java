package io.llmstream.adapter.llm.openai;

import io.llmstream.adapter.llm.testing.BenchmarkStreams;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** SSE parsing plus JSON decoding into deltas for the same 1 MiB OpenAI stream, in 8 KiB reads. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OpenAiDecoderBenchmark {

    private byte[] stream;

    @Setup
    public void setUp() {
        stream = BenchmarkStreams.openAi(1 << 20);
    }

    @Benchmark
    public void decode(Blackhole blackhole) {
        OpenAiEventDecoder decoder = new OpenAiEventDecoder("openai", 1 << 20);
        for (int offset = 0; offset < stream.length; offset += 8192) {
            decoder.feed(stream, offset, Math.min(8192, stream.length - offset), blackhole::consume);
        }
        decoder.end(blackhole::consume);
    }
}
