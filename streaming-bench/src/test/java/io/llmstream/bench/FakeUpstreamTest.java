package io.llmstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FakeUpstreamTest {

    @Test
    void shouldStreamEveryTokenInTheOpenAiWireFormatAndTimestampIt() throws Exception {
        // given
        try (FakeUpstream upstream = new FakeUpstream()) {
            upstream.beginRun(new FakeUpstream.Plan(20, 1000, 0, 0.5, null), 3);
            LoadGenerator generator = new LoadGenerator(upstream);

            // when
            List<StreamResult> results = generator.run(LoadGenerator.Target.DIRECT, upstream.port(), List.of(),
                    new LoadGenerator.Load(3, 0, 20, 0, Duration.ofSeconds(20)));

            // then
            assertThat(results).allSatisfy(r -> {
                assertThat(r.error).isNull();
                assertThat(r.done).isTrue();
                assertThat(r.textMatches).isTrue();
                assertThat(r.chunks).isEqualTo(20);
                assertThat(r.delayCount).isEqualTo(20);
                assertThat(IntStream.range(0, r.delayCount).mapToLong(i -> r.delays[i])).allMatch(d -> d > 0);
            });
            assertThat(upstream.counters().completed()).isEqualTo(3);
            assertThat(upstream.counters().aborted()).isZero();
        }
    }

    @Test
    void shouldCountAStreamAsAbortedWhenTheClientLeavesMidStream() throws Exception {
        // given
        try (FakeUpstream upstream = new FakeUpstream()) {
            upstream.beginRun(new FakeUpstream.Plan(50, 200, 0, 0, null), 10);
            LoadGenerator generator = new LoadGenerator(upstream);
            LoadGenerator.Load load = new LoadGenerator.Load(10, 0, 50, 0.1, Duration.ofSeconds(20));

            // when
            List<StreamResult> results = generator.run(LoadGenerator.Target.DIRECT, upstream.port(), List.of(), load);

            // then
            StreamResult leaver = results.stream().filter(StreamResult::disconnected).findFirst().orElseThrow();
            assertThat(leaver.chunks).isEqualTo(load.disconnectAt(leaver.id));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (upstream.counters().aborted() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(upstream.stream(leaver.id).aborted()).isTrue();
            assertThat(upstream.counters().aborted()).isEqualTo(1);
            assertThat(upstream.counters().completed()).isEqualTo(9);
        }
    }
}
