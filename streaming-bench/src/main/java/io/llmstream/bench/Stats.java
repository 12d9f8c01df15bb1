package io.llmstream.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a sample of nanosecond values, in milliseconds, from an HdrHistogram with three significant digits
 * (values up to an hour; a larger one is clamped to an hour rather than lost).
 */
record Stats(int count, double p50, double p95, double p99, double max) {

    static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    private static final long HOUR_NANOS = 3_600_000_000_000L;

    static Stats ofNanos(long[] values, int count) {
        if (count == 0) {
            return EMPTY;
        }
        Histogram histogram = new Histogram(HOUR_NANOS, 3);
        for (int i = 0; i < count; i++) {
            histogram.recordValue(Math.clamp(values[i], 0, HOUR_NANOS));
        }
        return new Stats(count, ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(95)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    double at(int column) {
        return switch (column) {
            case 0 -> p50;
            case 1 -> p95;
            case 2 -> p99;
            default -> max;
        };
    }
}
