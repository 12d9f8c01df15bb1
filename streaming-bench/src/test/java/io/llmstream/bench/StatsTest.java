package io.llmstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void shouldReportNearestRankPercentilesInMilliseconds() {
        // given one to a hundred milliseconds, shuffled by reversing
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000).toArray();

        // when
        Stats stats = Stats.ofNanos(nanos, nanos.length);

        // then
        assertThat(stats.p50()).isEqualTo(50.0);
        assertThat(stats.p95()).isEqualTo(95.0);
        assertThat(stats.p99()).isEqualTo(99.0);
        assertThat(stats.max()).isEqualTo(100.0);
    }

    @Test
    void shouldReportNothingForAnEmptySample() {
        assertThat(Stats.ofNanos(new long[0], 0).count()).isZero();
        assertThat(Double.isNaN(Stats.ofNanos(new long[0], 0).p99())).isTrue();
    }
}
