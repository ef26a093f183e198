package org.exchange.loadgen;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each accepted order is settled, as its trader sees it on the {@code orders} stream. An order
 * is settled once the stream has shown everything its place answer promised: it was accepted (funds
 * held, in the book), every fill of the answer's {@code executedQuantity} is recorded (trade
 * settled, fee charged), and, when the answer was final (FILLED, EXPIRED), the order is CLOSED (hold
 * released). A CLOSED order is settled whatever the answer said. The settled time is the later of the
 * answer and that stream event, so it never precedes the acknowledgement.
 */
final class Settlements {

    private static final Set<String> FINAL = Set.of("FILLED", "EXPIRED", "REJECTED", "CANCELED");

    private final Map<String, Track> byOrder = new ConcurrentHashMap<>();

    private static final class Track {
        Phase phase;
        long originNanos;
        long ackNanos;
        BigDecimal executed;
        boolean answerFinal;
        boolean accepted;
        BigDecimal filled = BigDecimal.ZERO;
        boolean closed;
        long lastStreamNanos;
    }

    /** The place answer of an accepted order. */
    void answered(String orderId, Phase phase, long originNanos, long ackNanos, String status, BigDecimal executed) {
        Track track = byOrder.computeIfAbsent(orderId, id -> new Track());
        synchronized (track) {
            track.phase = phase;
            track.originNanos = originNanos;
            track.ackNanos = ackNanos;
            track.executed = executed;
            track.answerFinal = FINAL.contains(status);
            settleIfDone(orderId, track);
        }
    }

    /** One push of the {@code orders} stream. */
    void streamed(String orderId, String event, BigDecimal filledQuantity, long nanos) {
        Track track = byOrder.computeIfAbsent(orderId, id -> new Track());
        synchronized (track) {
            track.lastStreamNanos = nanos;
            if (!event.equals("PLACED") && !event.equals("REJECTED")) {
                track.accepted = true;
            }
            if (filledQuantity != null && filledQuantity.compareTo(track.filled) > 0) {
                track.filled = filledQuantity;
            }
            if (event.equals("CLOSED") || event.equals("REJECTED")) {
                track.closed = true;
            }
            settleIfDone(orderId, track);
        }
    }

    private void settleIfDone(String orderId, Track track) {
        if (track.phase == null) {
            return;
        }
        boolean done = track.closed
                || !track.answerFinal && track.accepted && track.filled.compareTo(track.executed) >= 0;
        if (done) {
            long at = Math.max(track.ackNanos, track.lastStreamNanos);
            track.phase.placeToSettled.record(at - track.originNanos);
            track.phase.settledAt(at);
            byOrder.remove(orderId);
        }
    }

    /** Accepted orders of this phase not (yet) seen settled. */
    int unsettled(Phase phase) {
        int count = 0;
        for (Track track : byOrder.values()) {
            synchronized (track) {
                if (track.phase == phase) {
                    count++;
                }
            }
        }
        return count;
    }
}
