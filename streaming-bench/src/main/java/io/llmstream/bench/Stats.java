package io.llmstream.bench;

import java.util.Arrays;

/** Percentiles (nearest rank) of a sample of nanosecond values, in milliseconds. */
record Stats(int count, double p50, double p95, double p99, double max) {

    static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Stats ofNanos(long[] values, int count) {
        if (count == 0) {
            return EMPTY;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return new Stats(count, ms(rank(sorted, 0.50)), ms(rank(sorted, 0.95)), ms(rank(sorted, 0.99)),
                ms(sorted[count - 1]));
    }

    private static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
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
