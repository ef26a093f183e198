package org.exchange.loadgen;

import java.util.Arrays;

/**
 * Every latency of one kind in a run, in nanoseconds, kept whole (a run records at most a few
 * hundred thousand), so percentiles are exact: the value at rank ⌈p × n⌉ of the sorted samples.
 */
final class Latencies {

    private long[] samples = new long[1 << 12];
    private int size;

    synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** The percentiles asked for (0 &lt; p ≤ 1) in milliseconds, or {@code null} when nothing was recorded. */
    Summary summary() {
        long[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(samples, size);
        }
        if (sorted.length == 0) {
            return null;
        }
        Arrays.sort(sorted);
        return new Summary(sorted.length, millis(at(sorted, 0.50)), millis(at(sorted, 0.99)),
                millis(at(sorted, 0.999)), millis(sorted[sorted.length - 1]));
    }

    static long at(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /** Milliseconds, rounded to 0.01 ms. */
    record Summary(int count, double p50, double p99, double p999, double max) {
    }
}
