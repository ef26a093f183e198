package org.exchange.loadgen;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What one phase of a run (one rate, one duration) counted and timed. */
final class Phase {

    /** Refusals the standard flow earns from a healthy exchange (a cancel racing a fill, a post-only order that would take…). */
    static final Set<String> EXPECTED_REFUSALS = Set.of(
            "INSUFFICIENT_FUNDS", "MIN_NOTIONAL", "WOULD_TAKE", "ORDER_NOT_FOUND", "ALREADY_CLOSED",
            "TOO_MANY_OPEN_ORDERS", "RATE_LIMITED");

    final String name;
    /** Orders/s asked for; 0 = as fast as the exchange answers, {@link #concurrency} requests at a time. */
    final double targetRate;
    final int concurrency;
    final long durationNanos;
    volatile long startNanos;
    /** When the last command was sent. */
    volatile long sendEndNanos;
    /** When the phase stopped waiting for answers and settlements. */
    volatile long endNanos;
    /** Accepted orders of the phase not seen settled when it ended. */
    volatile int unsettledAtEnd;

    final AtomicInteger placesSent = new AtomicInteger();
    final AtomicInteger cancelsSent = new AtomicInteger();
    /** Cancels of orders whose placing was refused: not sent. */
    final AtomicInteger cancelsSkipped = new AtomicInteger();
    final AtomicInteger placesAccepted = new AtomicInteger();
    final AtomicInteger cancelsAccepted = new AtomicInteger();
    final AtomicInteger settled = new AtomicInteger();
    final AtomicLong lastSettledNanos = new AtomicLong();
    /** Non-2xx answers and failed requests by code (problem code, {@code HTTP 502}, {@code TRANSPORT …}). */
    final Map<String, AtomicInteger> refusals = new ConcurrentSkipListMap<>();
    final Latencies placeToAck = new Latencies();
    final Latencies cancelToAck = new Latencies();
    final Latencies placeToSettled = new Latencies();
    /** Maximum over the phase of each projection's lag (events), and the last sample. */
    final Map<String, Long> projectionLagMax = new ConcurrentSkipListMap<>();
    final Map<String, Long> projectionLagLast = new ConcurrentSkipListMap<>();
    volatile Map<String, ComponentUsage.Usage> usage = Map.of();

    Phase(String name, double targetRate, int concurrency, long durationNanos) {
        this.name = name;
        this.targetRate = targetRate;
        this.concurrency = concurrency;
        this.durationNanos = durationNanos;
    }

    void refused(String code) {
        refusals.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
    }

    void settledAt(long nanos) {
        settled.incrementAndGet();
        lastSettledNanos.accumulateAndGet(nanos, Math::max);
    }

    /** Answers no client of a healthy exchange should get: 5xx, failed requests, unknown refusals. */
    int unexpected() {
        int sum = 0;
        for (Map.Entry<String, AtomicInteger> entry : refusals.entrySet()) {
            if (!EXPECTED_REFUSALS.contains(entry.getKey())) {
                sum += entry.getValue().get();
            }
        }
        return sum;
    }

    double sendSeconds() {
        return (sendEndNanos - startNanos) / 1e9;
    }

    double acceptedPerSecond() {
        return placesAccepted.get() / sendSeconds();
    }

    /** Settled orders over the time from the phase's start to the last settlement seen. */
    double settledPerSecond() {
        long last = lastSettledNanos.get();
        return last <= startNanos ? 0 : settled.get() / ((last - startNanos) / 1e9);
    }
}
