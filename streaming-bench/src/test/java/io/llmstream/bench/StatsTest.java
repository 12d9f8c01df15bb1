package io.llmstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void shouldReportPercentilesInMillisecondsToThreeSignificantDigits() {
        // given one to a hundred milliseconds, shuffled by reversing
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000).toArray();

        // when
        Stats stats = Stats.ofNanos(nanos, nanos.length);

        // then
        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50()).isCloseTo(50.0, withinPercentage(0.1));
        assertThat(stats.p95()).isCloseTo(95.0, withinPercentage(0.1));
        assertThat(stats.p99()).isCloseTo(99.0, withinPercentage(0.1));
        assertThat(stats.max()).isCloseTo(100.0, withinPercentage(0.1));
    }

    @Test
    void shouldCountOnlyTheFirstCountValues() {
        long[] nanos = {1_000_000, 2_000_000, 900_000_000};

        Stats stats = Stats.ofNanos(nanos, 2);

        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.max()).isCloseTo(2.0, withinPercentage(0.1));
    }

    @Test
    void shouldClampAValueBeyondAnHourInsteadOfFailing() {
        Stats stats = Stats.ofNanos(new long[] {5_000_000_000_000L}, 1);

        assertThat(stats.max()).isCloseTo(3_600_000.0, withinPercentage(0.1));
    }

    @Test
    void shouldReportNothingForAnEmptySample() {
        assertThat(Stats.ofNanos(new long[0], 0).count()).isZero();
        assertThat(Double.isNaN(Stats.ofNanos(new long[0], 0).p99())).isTrue();
    }
}
