package io.llmstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BareRelayTest {

    @Test
    void shouldRelayEveryTokenAsChunkEventsAndEndWithTheWholeTextOnReusedUpstreamConnections() throws Exception {
        // given a relay in front of the fake upstream
        try (FakeUpstream upstream = new FakeUpstream();
             BareRelay relay = new BareRelay(0, URI.create(upstream.baseUrl()))) {
            runInBackground(relay);
            LoadGenerator generator = new LoadGenerator(upstream);
            List<String> chats = IntStream.range(0, 5).mapToObj(i -> "bare-" + i).toList();

            // when two rounds of five streams run through it, the second on the first round's kept-alive connections
            for (int round = 0; round < 2; round++) {
                upstream.beginRun(new FakeUpstream.Plan(30, 1000, 0, 0.5, null), 5);
                List<StreamResult> results = generator.run(LoadGenerator.Target.SERVICE, relay.port(), chats,
                        new LoadGenerator.Load(5, 0, 30, 0, Duration.ofSeconds(20)));

                // then every stream saw every token once, in order, and a done event with the whole text
                assertThat(results).allSatisfy(r -> {
                    assertThat(r.error).isNull();
                    assertThat(r.done).isTrue();
                    assertThat(r.textMatches).isTrue();
                    assertThat(r.chunks).isEqualTo(30);
                });
            }
            assertThat(upstream.counters().completed()).isEqualTo(10);
            assertThat(upstream.counters().accepted()).as("upstream connections opened").isLessThanOrEqualTo(5);
        }
    }

    @Test
    void shouldCutTheUpstreamResponseWhenTheClientLeaves() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream();
             BareRelay relay = new BareRelay(0, URI.create(upstream.baseUrl()))) {
            runInBackground(relay);
            upstream.beginRun(new FakeUpstream.Plan(50, 200, 0, 0, null), 10);
            LoadGenerator.Load load = new LoadGenerator.Load(10, 0, 50, 0.1, Duration.ofSeconds(20));

            List<StreamResult> results = new LoadGenerator(upstream).run(LoadGenerator.Target.SERVICE, relay.port(),
                    IntStream.range(0, 10).mapToObj(i -> "bare-" + i).toList(), load);

            StreamResult leaver = results.stream().filter(StreamResult::disconnected).findFirst().orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!upstream.stream(leaver.id).aborted() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(upstream.stream(leaver.id).aborted()).isTrue();
            assertThat(upstream.counters().completed()).isEqualTo(9);
        }
    }

    /** The relay's selector loop on a daemon thread; closing the relay ends it. */
    private static void runInBackground(BareRelay relay) {
        Thread.ofPlatform().daemon().start(() -> {
            try {
                relay.run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
